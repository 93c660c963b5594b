//! The next year's BPF, made from this one: what carries over (profile, team, workstreams,
//! register of people, institutions, list address, thresholds, cover letter) is copied into a new
//! project file whose work plan is laid out anew from the new annual meeting. This year's file is
//! only read.

use std::path::Path;

use bpf_domain::dissemination::InstitutionInput;
use bpf_domain::validate::check_meeting_in_year;
use bpf_domain::{Profile, TeamMemberInput, WorkstreamInput, cycle};
use bpf_store::Store;

use crate::{AnnualMeetingInput, Project, Result};

impl Project {
    /// Creates the next year's project at `dest` (refused if it exists, unless `replace`).
    pub fn create_next_year(
        &mut self,
        dest: &Path,
        meeting: &AnnualMeetingInput,
        replace: bool,
    ) -> Result<Project> {
        let meeting = meeting.parse()?;
        struct Carried {
            profile: Profile,
            team: Vec<bpf_domain::TeamMember>,
            workstreams: Vec<bpf_domain::Workstream>,
            people: Vec<bpf_domain::people::Person>,
            institutions: Vec<bpf_domain::dissemination::Institution>,
            list: bpf_domain::mail::ListThresholds,
            balance: bpf_domain::balance::BalanceThresholds,
            letter: (Option<String>, String),
        }
        let c = self.store.read(|tx| -> Result<Carried> {
            Ok(Carried {
                profile: tx.profile()?,
                team: tx.team()?,
                workstreams: tx.workstreams()?,
                people: tx.people()?,
                institutions: tx.institutions()?,
                list: tx.list_thresholds()?,
                balance: tx.balance_thresholds()?,
                letter: tx.letter()?,
            })
        })?;
        let profile = Profile { year: c.profile.year + 1, ..c.profile };
        check_meeting_in_year(profile.year, &meeting)?;
        if dest == self.path() {
            return Err(bpf_domain::InvalidInput::Refused(
                "the next year needs a project file of its own: choose another name".into(),
            )
            .into());
        }
        let plan = cycle::standard_cycle(&meeting);
        let store = Store::create(dest, replace, |tx| -> Result<()> {
            tx.set_profile(&profile)?;
            tx.set_annual_meeting(&meeting)?;
            for m in &plan {
                tx.insert_milestone(m)?;
            }
            for t in &c.team {
                tx.insert_team_member(&TeamMemberInput {
                    name: t.name.clone(),
                    organisation: t.organisation.clone(),
                    email: t.email.clone(),
                    role: t.role,
                    mag_member: t.mag_member,
                })?;
            }
            for w in &c.workstreams {
                tx.insert_workstream(&WorkstreamInput {
                    name: w.name.clone(),
                    lead: w.lead.clone(),
                    objective: w.objective.clone(),
                })?;
            }
            for p in &c.people {
                tx.insert_person(&crate::people::checked(p))?;
            }
            for i in &c.institutions {
                tx.insert_institution(&InstitutionInput {
                    organisation: i.organisation.clone(),
                    contact: i.contact.clone(),
                    email: i.email.clone(),
                    address: i.address.clone(),
                    why: i.why.clone(),
                    group: i.group,
                    country: i.country.clone(),
                })?;
            }
            tx.set_list_thresholds(c.list)?;
            tx.set_balance_thresholds(&c.balance)?;
            tx.set_letter(c.letter.0.as_deref(), &c.letter.1)?;
            Ok(())
        })?;
        Ok(Project { store })
    }
}
