//! The proposal for a BPF, as the MAG's template asks for it: title; at least two facilitators,
//! at least one of them a MAG member; topic and focus with a clear, realistic goal; relevance; an
//! outreach plan naming organisations that signalled interest; the qualitative indicators as
//! guided fields. The hard rules are checked, each broken one named in a sentence.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dissemination::{Answer, Invitation};
use crate::{Profile, TeamMember};

/// The qualitative indicators of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Indicator {
    ClearObjectives,
    KeyOrganisations,
    Relevance,
    Footprint,
    CommonGround,
    RippleEffect,
    Synergies,
}

impl Indicator {
    pub const ALL: [Indicator; 7] = [
        Indicator::ClearObjectives,
        Indicator::KeyOrganisations,
        Indicator::Relevance,
        Indicator::Footprint,
        Indicator::CommonGround,
        Indicator::RippleEffect,
        Indicator::Synergies,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Indicator::ClearObjectives => "clear_objectives",
            Indicator::KeyOrganisations => "key_organisations",
            Indicator::Relevance => "relevance",
            Indicator::Footprint => "footprint",
            Indicator::CommonGround => "common_ground",
            Indicator::RippleEffect => "ripple_effect",
            Indicator::Synergies => "synergies",
        }
    }

    pub fn parse(s: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Indicator::ClearObjectives => "Clear objectives",
            Indicator::KeyOrganisations => "Involvement of key organisations and expert networks",
            Indicator::Relevance => "Immediate relevance to discussions elsewhere",
            Indicator::Footprint => "Enlarging the footprint across sectors and regions",
            Indicator::CommonGround => "Building common ground",
            Indicator::RippleEffect => "Longer-term ripple effect",
            Indicator::Synergies => {
                "Synergies with other IGF activities (Dynamic Coalitions, National and Regional Initiatives, main sessions)"
            }
        }
    }

    /// What the field should say, shown beside it.
    pub fn guidance(self) -> &'static str {
        match self {
            Indicator::ClearObjectives => {
                "What will the BPF have achieved by the annual meeting, and how will you know?"
            }
            Indicator::KeyOrganisations => {
                "Which organisations and expert networks take part or have been approached, and what do they bring?"
            }
            Indicator::Relevance => {
                "Where is the topic being discussed now (intergovernmental processes, standards bodies, industry), and how will the output feed those discussions?"
            }
            Indicator::Footprint => {
                "Which stakeholder groups and regions are under-represented today, and how will you reach them?"
            }
            Indicator::CommonGround => {
                "Where do stakeholders disagree, and how will the BPF look for shared understanding?"
            }
            Indicator::RippleEffect => {
                "What should change after the BPF ends, and who will carry it forward?"
            }
            Indicator::Synergies => {
                "Which Dynamic Coalitions, National and Regional Initiatives or main sessions will you work with, and how?"
            }
        }
    }
}

/// The proposal's own texts (the title, topic and goal are the BPF's profile).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalText {
    pub relevance: String,
    pub outreach_plan: String,
    /// One text per indicator, in [`Indicator::ALL`] order; empty when not written.
    pub indicators: Vec<(Indicator, String)>,
    /// A BPF that ran last year: its scorecard and balance are attached as evidence.
    pub returning: bool,
}

/// A broken rule of the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalProblem {
    /// Which field to fix: "title", "facilitators", "topic", "goal", "relevance", "outreach".
    pub field: String,
    pub message: String,
}

/// The organisations that signalled interest (committed or interested), by name.
pub fn interested(invitations: &[Invitation]) -> Vec<String> {
    invitations
        .iter()
        .filter(|i| matches!(i.answer, Answer::Committed | Answer::Interested))
        .map(|i| i.organisation.clone())
        .collect()
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The template's hard rules, each broken one as a problem (empty when the proposal can go).
pub fn check_proposal(
    profile: &Profile,
    team: &[TeamMember],
    invitations: &[Invitation],
    text: &ProposalText,
) -> Vec<ProposalProblem> {
    let mut out = Vec::new();
    let mut problem =
        |field: &str, message: String| out.push(ProposalProblem { field: field.into(), message });
    if profile.title.trim().is_empty() {
        problem("title", "The proposal needs a title.".into());
    }
    let facilitators: Vec<&TeamMember> = team.iter().filter(|t| t.role.is_facilitator()).collect();
    if facilitators.len() < 2 {
        problem(
            "facilitators",
            format!(
                "A BPF needs at least two facilitators; the team has {}. Add them in the team, as MAG facilitator or co-facilitator.",
                facilitators.len()
            ),
        );
    }
    if !facilitators.iter().any(|t| t.mag_member) {
        problem("facilitators", "At least one facilitator must be a member of the MAG.".into());
    }
    if profile.topic.trim().is_empty() {
        problem("topic", "Describe the topic and focus of the BPF.".into());
    }
    let goal = words(&profile.goal);
    if goal == 0 {
        problem("goal", "State a clear, realistic goal for the year.".into());
    } else if goal > 120 {
        problem(
            "goal",
            format!(
                "The goal runs to {goal} words: a clear goal fits in a few sentences (120 words at most)."
            ),
        );
    }
    if text.relevance.trim().is_empty() {
        problem("relevance", "Explain why the topic is relevant now.".into());
    }
    if text.outreach_plan.trim().is_empty() {
        problem("outreach", "Describe the outreach plan: whom you will reach, and how.".into());
    }
    if interested(invitations).is_empty() {
        problem(
            "outreach",
            "The outreach plan must name organisations that signalled interest: record the organisations invited and their answers in Outreach."
                .into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;
    use chrono::NaiveDate;

    fn member(role: Role, mag: bool) -> TeamMember {
        TeamMember {
            id: 1,
            name: "X".into(),
            organisation: String::new(),
            email: String::new(),
            role,
            mag_member: mag,
        }
    }

    fn invitation(answer: Answer) -> Invitation {
        Invitation {
            id: 1,
            organisation: "FIRST".into(),
            contact: String::new(),
            group: None,
            country: String::new(),
            region: None,
            invited_by: String::new(),
            invited_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            answer,
            notes: String::new(),
        }
    }

    fn fields(p: &[ProposalProblem]) -> Vec<&str> {
        p.iter().map(|x| x.field.as_str()).collect()
    }

    #[test]
    fn every_hard_rule_is_named() {
        let empty = check_proposal(&Profile::default(), &[], &[], &ProposalText::default());
        assert_eq!(
            fields(&empty),
            ["title", "facilitators", "facilitators", "topic", "goal", "relevance", "outreach", "outreach"]
        );
        assert_eq!(
            empty[1].message,
            "A BPF needs at least two facilitators; the team has 0. Add them in the team, as MAG facilitator or co-facilitator."
        );

        let profile = Profile {
            title: "BPF on X".into(),
            topic: "X".into(),
            goal: "A survey of X.".into(),
            ..Default::default()
        };
        let text = ProposalText {
            relevance: "Now.".into(),
            outreach_plan: "Write to CERTs.".into(),
            ..Default::default()
        };
        let team = [
            member(Role::MagFacilitator, false),
            member(Role::CoFacilitator, false),
            member(Role::LeadExpert, true),
        ];
        let p = check_proposal(&profile, &team, &[invitation(Answer::Declined)], &text);
        assert_eq!(
            fields(&p),
            ["facilitators", "outreach"],
            "a MAG member who is not a facilitator does not count"
        );
        let team = [member(Role::MagFacilitator, true), member(Role::CoFacilitator, false)];
        assert!(check_proposal(&profile, &team, &[invitation(Answer::Interested)], &text).is_empty());
        let long = Profile { goal: "word ".repeat(121), ..profile };
        let p = check_proposal(&long, &team, &[invitation(Answer::Committed)], &text);
        assert_eq!(
            p[0].message,
            "The goal runs to 121 words: a clear goal fits in a few sentences (120 words at most)."
        );
    }
}
