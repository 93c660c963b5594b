//! The output report's outline: the template's sections, their order and numbers, and the two
//! published versions (draft for public comment, final output).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validate::InvalidInput;

/// What a section is: one of the template's, a chapter or annex of the writers' own, or an
/// annex generated from the project data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SectionKind {
    /// Front matter: the writers' words, then the coordinating team and contributors.
    Acknowledgements,
    /// Key component 1.
    Issues,
    /// Key component 2: the writers' words, then the BPF's activities in figures.
    Methodology,
    /// Key component 3.
    CaseStudies,
    Regional,
    PolicyMeasures,
    WhatWorked,
    Consequences,
    Unresolved,
    Insights,
    NextSteps,
    /// A chapter the writers added.
    Chapter,
    /// Generated: the meetings held, with dates, times and attendance.
    AnnexMeetings,
    /// Generated: the work plan's workstreams and milestones.
    AnnexWorkPlan,
    /// Generated: the calls for contributions and the contributions received, credited.
    AnnexContributions,
    /// An annex the writers added.
    Annex,
}

/// Where a section stands in the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SectionRole {
    Front,
    /// One of the three key components every output has.
    Key,
    /// One of the seven recommended components.
    Recommended,
    Custom,
    /// Made from the project data; the writers may add an introduction.
    Generated,
}

impl SectionKind {
    /// The template, in its order: what a new report starts with.
    pub const TEMPLATE: [SectionKind; 14] = [
        SectionKind::Acknowledgements,
        SectionKind::Issues,
        SectionKind::Methodology,
        SectionKind::CaseStudies,
        SectionKind::Regional,
        SectionKind::PolicyMeasures,
        SectionKind::WhatWorked,
        SectionKind::Consequences,
        SectionKind::Unresolved,
        SectionKind::Insights,
        SectionKind::NextSteps,
        SectionKind::AnnexMeetings,
        SectionKind::AnnexWorkPlan,
        SectionKind::AnnexContributions,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Acknowledgements => "acknowledgements",
            SectionKind::Issues => "issues",
            SectionKind::Methodology => "methodology",
            SectionKind::CaseStudies => "case_studies",
            SectionKind::Regional => "regional",
            SectionKind::PolicyMeasures => "policy_measures",
            SectionKind::WhatWorked => "what_worked",
            SectionKind::Consequences => "consequences",
            SectionKind::Unresolved => "unresolved",
            SectionKind::Insights => "insights",
            SectionKind::NextSteps => "next_steps",
            SectionKind::Chapter => "chapter",
            SectionKind::AnnexMeetings => "annex_meetings",
            SectionKind::AnnexWorkPlan => "annex_work_plan",
            SectionKind::AnnexContributions => "annex_contributions",
            SectionKind::Annex => "annex",
        }
    }

    pub fn from_key(key: &str) -> Option<SectionKind> {
        Self::TEMPLATE.into_iter().chain([SectionKind::Chapter, SectionKind::Annex]).find(|k| k.key() == key)
    }

    pub fn default_title(self) -> &'static str {
        match self {
            SectionKind::Acknowledgements => "Acknowledgements",
            SectionKind::Issues => "Definition of the issues and overview of policy challenges",
            SectionKind::Methodology => "Methodology and BPF activities",
            SectionKind::CaseStudies => "Case studies and best practices",
            SectionKind::Regional => "Regional specificities",
            SectionKind::PolicyMeasures => {
                "Existing policy measures, private-sector initiatives and impediments"
            }
            SectionKind::WhatWorked => "What worked well: common effective practices",
            SectionKind::Consequences => "Unintended consequences of policy interventions",
            SectionKind::Unresolved => "Unresolved issues needing further multistakeholder cooperation",
            SectionKind::Insights => "Insights gained",
            SectionKind::NextSteps => "Proposed next steps for dialogue, collaboration and joint action",
            SectionKind::Chapter => "New chapter",
            SectionKind::AnnexMeetings => "BPF meetings",
            SectionKind::AnnexWorkPlan => "Work plan",
            SectionKind::AnnexContributions => "Contributions received",
            SectionKind::Annex => "New annex",
        }
    }

    pub fn role(self) -> SectionRole {
        match self {
            SectionKind::Acknowledgements => SectionRole::Front,
            SectionKind::Issues | SectionKind::Methodology | SectionKind::CaseStudies => SectionRole::Key,
            SectionKind::Chapter | SectionKind::Annex => SectionRole::Custom,
            SectionKind::AnnexMeetings | SectionKind::AnnexWorkPlan | SectionKind::AnnexContributions => {
                SectionRole::Generated
            }
            _ => SectionRole::Recommended,
        }
    }

    pub fn is_annex(self) -> bool {
        matches!(
            self,
            SectionKind::AnnexMeetings
                | SectionKind::AnnexWorkPlan
                | SectionKind::AnnexContributions
                | SectionKind::Annex
        )
    }

    /// Whether blocks made from the project data follow the writers' text.
    pub fn has_generated_part(self) -> bool {
        matches!(
            self,
            SectionKind::Acknowledgements
                | SectionKind::Methodology
                | SectionKind::AnnexMeetings
                | SectionKind::AnnexWorkPlan
                | SectionKind::AnnexContributions
        )
    }

    /// Only the writers' own chapters and annexes may be deleted; the template's are left out.
    pub fn deletable(self) -> bool {
        matches!(self, SectionKind::Chapter | SectionKind::Annex)
    }

    /// What the template asks this section to hold, shown in the editor.
    pub fn guidance(self) -> &'static str {
        match self {
            SectionKind::Acknowledgements => {
                "Thank the contributors. The coordinating team with its roles, and the people who took part in the meetings, are listed after your text."
            }
            SectionKind::Issues => {
                "Key component: define the issue(s) the BPF addressed and give an overview of the policy challenges."
            }
            SectionKind::Methodology => {
                "Key component: how the BPF worked. The meetings held, the mailing list's figures with a chart of monthly messages, and the calls for contributions follow your text."
            }
            SectionKind::CaseStudies => "Key component: the case studies and best practices collected.",
            SectionKind::Regional => "Recommended: regional specificities.",
            SectionKind::PolicyMeasures => {
                "Recommended: existing policy measures and private-sector initiatives, and the impediments met."
            }
            SectionKind::WhatWorked => "Recommended: what worked well; common effective practices.",
            SectionKind::Consequences => {
                "Recommended: unintended consequences of policy interventions, good and bad."
            }
            SectionKind::Unresolved => {
                "Recommended: unresolved issues where further multistakeholder cooperation is needed."
            }
            SectionKind::Insights => "Recommended: insights gained.",
            SectionKind::NextSteps => {
                "Recommended: proposed next steps for dialogue, collaboration and joint action."
            }
            SectionKind::Chapter => "A chapter of your own.",
            SectionKind::AnnexMeetings => {
                "Generated: every meeting held, with its date, time and attendance. You may add an introduction."
            }
            SectionKind::AnnexWorkPlan => {
                "Generated: the workstreams and milestones of the work plan. You may add an introduction."
            }
            SectionKind::AnnexContributions => {
                "Generated: each call for contributions, and the contributions received, credited by name where the contributor gave permission. You may add an introduction."
            }
            SectionKind::Annex => "An annex of your own.",
        }
    }
}

/// A section of the report as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportSection {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: SectionKind,
    pub title: String,
    pub included: bool,
    /// Markdown.
    pub body: String,
}

impl ReportSection {
    /// The anchor cross-references use: the template's key, or `chapter-<id>` / `annex-<id>`.
    pub fn anchor(&self) -> String {
        match self.kind {
            SectionKind::Chapter | SectionKind::Annex => format!("{}-{}", self.kind.key(), self.id),
            kind => kind.key().replace('_', "-"),
        }
    }
}

impl ReportSection {
    /// Whether the section is in the report: included, and with something to show (its text,
    /// or the blocks made from the project data). An empty section is left out until written.
    pub fn in_report(&self) -> bool {
        self.included && (!self.body.trim().is_empty() || self.kind.has_generated_part())
    }
}

/// The numbers the sections in the report get, in the order given: "A", "B" … for chapters,
/// "Annex 1" … for annexes, none for the front matter or a section left out.
pub fn section_numbers(sections: &[ReportSection]) -> Vec<Option<String>> {
    let (mut chapters, mut annexes) = (0usize, 0usize);
    sections
        .iter()
        .map(|s| {
            if !s.in_report() || s.kind.role() == SectionRole::Front {
                None
            } else if s.kind.is_annex() {
                annexes += 1;
                Some(format!("Annex {annexes}"))
            } else {
                chapters += 1;
                Some(chapter_letter(chapters - 1))
            }
        })
        .collect()
}

/// A … Z, AA, AB …
pub fn chapter_letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Annexes stay after the chapters, and the front matter first, whatever order is asked for.
pub fn check_order(kinds_in_order: &[SectionKind]) -> Result<(), InvalidInput> {
    let rank = |k: SectionKind| match (k.role(), k.is_annex()) {
        (SectionRole::Front, _) => 0,
        (_, false) => 1,
        (_, true) => 2,
    };
    if kinds_in_order.windows(2).any(|w| rank(w[0]) > rank(w[1])) {
        return Err(InvalidInput::Refused(
            "the acknowledgements come first and the annexes after every chapter: move a chapter among the chapters and an annex among the annexes".into(),
        ));
    }
    Ok(())
}

/// The two versions a report is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportVersion {
    /// Published about six weeks before the annual meeting, open for comments until a deadline.
    Draft,
    /// Published after the annual meeting, with the comments taken in.
    Final,
}

impl ReportVersion {
    pub fn key(self) -> &'static str {
        match self {
            ReportVersion::Draft => "draft",
            ReportVersion::Final => "final",
        }
    }

    pub fn parse(s: &str) -> Option<ReportVersion> {
        match s {
            "draft" => Some(ReportVersion::Draft),
            "final" => Some(ReportVersion::Final),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportVersion::Draft => "Draft for public comment",
            ReportVersion::Final => "Final output",
        }
    }
}

/// A version as published: frozen, so it can be exported again exactly as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Publication {
    #[ts(type = "number")]
    pub id: i64,
    pub version: ReportVersion,
    pub published_on: NaiveDate,
    pub comment_deadline: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
}

/// A draft needs a comment deadline after its publication day; a final output has none.
pub fn check_publication(
    version: ReportVersion,
    published_on: NaiveDate,
    deadline: Option<NaiveDate>,
) -> Result<(), InvalidInput> {
    match (version, deadline) {
        (ReportVersion::Draft, None) => Err(InvalidInput::Refused(
            "a draft for public comment needs a comment deadline: the day comments close".into(),
        )),
        (ReportVersion::Draft, Some(d)) if d <= published_on => Err(InvalidInput::Date(format!(
            "the comment deadline ({d}) must come after the publication day ({published_on})"
        ))),
        (ReportVersion::Final, Some(_)) => Err(InvalidInput::Refused(
            "the final output takes no comments: leave the comment deadline empty".into(),
        )),
        _ => Ok(()),
    }
}

/// A date as the report prints it: "3 August 2026".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: i64, kind: SectionKind, included: bool) -> ReportSection {
        ReportSection { id, kind, title: kind.default_title().into(), included, body: "Text.".into() }
    }

    #[test]
    fn template_has_three_key_and_seven_recommended_components() {
        let roles: Vec<SectionRole> = SectionKind::TEMPLATE.iter().map(|k| k.role()).collect();
        assert_eq!(roles.iter().filter(|r| **r == SectionRole::Key).count(), 3);
        assert_eq!(roles.iter().filter(|r| **r == SectionRole::Recommended).count(), 7);
        for kind in SectionKind::TEMPLATE {
            assert_eq!(SectionKind::from_key(kind.key()), Some(kind));
        }
        assert!(check_order(&SectionKind::TEMPLATE).is_ok());
    }

    #[test]
    fn chapters_are_lettered_and_annexes_numbered_skipping_left_out_ones() {
        let sections = [
            section(1, SectionKind::Acknowledgements, true),
            section(2, SectionKind::Issues, true),
            section(3, SectionKind::Regional, false),
            section(4, SectionKind::Methodology, true),
            section(5, SectionKind::AnnexMeetings, true),
            section(6, SectionKind::Annex, true),
        ];
        assert_eq!(
            section_numbers(&sections),
            vec![
                None,
                Some("A".into()),
                None,
                Some("B".into()),
                Some("Annex 1".into()),
                Some("Annex 2".into())
            ]
        );
        assert_eq!(chapter_letter(25), "Z");
        assert_eq!(chapter_letter(26), "AA");
        assert_eq!(sections[5].anchor(), "annex-6");
        assert_eq!(sections[3].anchor(), "methodology");
        // An empty section is left out until it has text; one with generated blocks never is.
        let mut empty = sections.to_vec();
        empty[1].body = "  \n".into();
        empty[3].body.clear();
        assert_eq!(section_numbers(&empty)[1..5], [None, None, Some("A".into()), Some("Annex 1".into())]);
    }

    #[test]
    fn order_keeps_front_matter_first_and_annexes_last() {
        assert!(check_order(&[SectionKind::Issues, SectionKind::Acknowledgements]).is_err());
        assert!(check_order(&[SectionKind::Annex, SectionKind::Issues]).is_err());
        assert!(
            check_order(&[
                SectionKind::Acknowledgements,
                SectionKind::Chapter,
                SectionKind::Issues,
                SectionKind::Annex
            ])
            .is_ok()
        );
    }

    #[test]
    fn a_draft_needs_a_later_deadline_and_a_final_none() {
        let day = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap_or_default();
        assert!(check_publication(ReportVersion::Draft, day, None).is_err());
        assert!(check_publication(ReportVersion::Draft, day, Some(day)).is_err());
        assert!(check_publication(ReportVersion::Draft, day, day.succ_opt()).is_ok());
        assert!(check_publication(ReportVersion::Final, day, day.succ_opt()).is_err());
        assert!(check_publication(ReportVersion::Final, day, None).is_ok());
        assert_eq!(long_date(day), "28 September 2026");
    }
}
