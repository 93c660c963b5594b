//! The demo BPF: IGF 2020 Best Practice Forum on Cybersecurity, from its public fact sheet.

use chrono::NaiveDate;

use crate::cycle::{derive_dates, standard_derivation};
use crate::model::{
    AnnualMeeting, MeetingFormat, MilestoneInput, MilestoneKind, MilestoneStatus, Profile, Role,
    TeamMemberInput, WorkstreamInput,
};

/// A demo milestone names its workstream by position in [`Demo::workstreams`].
#[derive(Debug, Clone)]
pub struct DemoMilestone {
    pub input: MilestoneInput,
    pub workstream: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Demo {
    pub profile: Profile,
    pub meeting: AnnualMeeting,
    pub team: Vec<TeamMemberInput>,
    pub workstreams: Vec<WorkstreamInput>,
    pub milestones: Vec<DemoMilestone>,
    /// The output report's text: Markdown of some of the template's sections.
    pub report: Vec<(crate::report::SectionKind, &'static str)>,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn member(name: &str, organisation: &str, role: Role, mag_member: bool) -> TeamMemberInput {
    TeamMemberInput {
        name: name.into(),
        organisation: organisation.into(),
        email: String::new(),
        role,
        mag_member,
    }
}

pub fn demo() -> Demo {
    let meeting = AnnualMeeting {
        start: date(2020, 11, 2),
        end: date(2020, 11, 17),
        place: "Online (hosted by the IGF Secretariat)".into(),
        format: MeetingFormat::Online,
        zone: "Europe/Zurich".into(),
    };
    let profile = Profile {
        title: "Best Practice Forum on Cybersecurity".into(),
        year: 2020,
        topic: "Exploring best practices in relation to recent international cybersecurity initiatives. \
                Building on the 2019 analysis of 20 international cybersecurity agreements (among them the \
                Paris Call for Trust and Security in Cyberspace, the norms adopted by the UN GGE and the \
                GCSC), the BPF identifies new agreements and recent developments, and documents how norms \
                are assessed."
            .into(),
        goal: "Publish an output report on best practices in implementing international cybersecurity \
               norms, with a research paper on new agreements and norms assessment, informed by a public \
               call for stakeholder input."
            .into(),
        website_url: "https://www.intgovforum.org/multilingual/content/bpf-cybersecurity".into(),
        mailing_list: "http://intgovforum.org/mailman/listinfo/bpf-cybersecurity_intgovforum.org".into(),
        contact_email: "bpf-cybersecurity-info@intgovforum.org".into(),
    };
    let team = vec![
        member("Ben Wallis", "MAG", Role::MagFacilitator, true),
        member("Markus Kummer", "", Role::CoFacilitator, false),
        member("Maarten Van Horenbeeck", "", Role::LeadExpert, false),
        member("John Hering", "", Role::WorkstreamLead, false),
        member("Mallory Knodel", "", Role::WorkstreamLead, false),
        member("Sheetal Kumar", "", Role::WorkstreamLead, false),
        member("Wim Degezelle", "IGF Secretariat", Role::SecretariatConsultant, false),
    ];
    let ws = |name: &str, lead: &str, objective: &str| WorkstreamInput {
        name: name.into(),
        lead: lead.into(),
        objective: objective.into(),
    };
    let workstreams = vec![
        ws("Workstream 1", "John Hering", "Identify new agreements and recent developments"),
        ws("Workstream 2", "Mallory Knodel", "Understand and document methods of norms assessment"),
        ws("Workstream 3", "Sheetal Kumar", "Outreach to widen participation in the BPF"),
    ];
    let milestone = |title: &str, kind, (date, end_date), owner: &str, derived, workstream| DemoMilestone {
        input: MilestoneInput {
            title: title.into(),
            kind,
            date,
            end_date,
            owner: owner.into(),
            workstream_id: None,
            status: MilestoneStatus::Done,
            derived,
            notes: String::new(),
        },
        workstream,
    };
    let fixed =
        |title: &str, kind, d: NaiveDate, end: Option<NaiveDate>, owner: &str, workstream: Option<usize>| {
            milestone(title, kind, (d, end), owner, None, workstream)
        };
    let derived = |title: &str, kind: MilestoneKind, owner: &str| {
        let derivation = standard_derivation(kind);
        let dates = derivation.map(|x| derive_dates(&meeting, &x)).unwrap_or((meeting.start, None));
        milestone(title, kind, dates, owner, derivation, None)
    };
    use MilestoneKind as K;
    let milestones = vec![
        fixed("Kick-off call of the BPF", K::KickOff, date(2020, 4, 16), None, "Ben Wallis", None),
        fixed(
            "Activation of the workstreams",
            K::WorkstreamActivation,
            date(2020, 5, 14),
            None,
            "Markus Kummer",
            None,
        ),
        fixed("Open virtual meeting 1", K::OpenMeeting, date(2020, 5, 28), None, "Wim Degezelle", None),
        fixed("Open virtual meeting 2", K::OpenMeeting, date(2020, 6, 25), None, "Wim Degezelle", None),
        fixed(
            "Publication research paper on WS1 and WS2",
            K::Custom,
            date(2020, 7, 31),
            None,
            "John Hering",
            Some(0),
        ),
        fixed(
            "Launch public call for stakeholder input",
            K::CallForContributions,
            date(2020, 7, 15),
            Some(date(2020, 8, 31)),
            "Sheetal Kumar",
            Some(2),
        ),
        fixed(
            "Norms assessment methods documented",
            K::Custom,
            date(2020, 6, 30),
            None,
            "Mallory Knodel",
            Some(1),
        ),
        fixed("Open virtual meeting 3", K::OpenMeeting, date(2020, 9, 10), None, "Wim Degezelle", None),
        derived("Publication draft BPF output report", K::DraftPublished, "Wim Degezelle"),
        derived("Public comment period on the draft", K::PublicComment, "Wim Degezelle"),
        derived("BPF session at IGF 2020", K::AnnualMeetingSession, "Ben Wallis"),
        derived("Publication final output BPF Cybersecurity", K::FinalOutput, "Wim Degezelle"),
        derived("Dissemination to target institutions", K::Dissemination, "Markus Kummer"),
        derived("Discussion of next year's topics", K::NextYearTopics, "Ben Wallis"),
    ];
    Demo { profile, meeting, team, workstreams, milestones, report: demo_report() }
}

/// Some chapters of the demo BPF's output, so the report view and its exports show a real
/// document: footnotes with links, a table, the house style's blocks, a cross-reference.
fn demo_report() -> Vec<(crate::report::SectionKind, &'static str)> {
    use crate::report::SectionKind as K;
    vec![
        (
            K::Acknowledgements,
            "This report is the product of a collaborative effort of the IGF Best Practice Forum on \
Cybersecurity. It was edited by the BPF's lead expert and the IGF Secretariat's consultant, with \
contributions from the participants of the BPF's virtual meetings and the members of its mailing list.\n",
        ),
        (
            K::Issues,
            "International cybersecurity agreements have multiplied since 2015: the norms of the UN Group of \
Governmental Experts,[^gge] the Paris Call for Trust and Security in Cyberspace[^paris] and the norms of the \
Global Commission on the Stability of Cyberspace. In 2019 the BPF analysed twenty of them. This year it \
asked which new agreements have appeared, and how stakeholders assess whether norms are implemented.\n\n\
# Why norms matter\n\n\
Norms set expectations of responsible behaviour in cyberspace. They matter only when they are applied, \
and their application is hard to observe: few agreements say how progress is to be measured.\n\n\
::: challenges\n\
- Agreements overlap and use different words for similar commitments.\n\
- Few agreements foresee any assessment of their implementation.\n\
- Stakeholders outside government rarely take part in assessments.\n\
:::\n\n\
[^gge]: UN GGE report A/70/174, see <https://undocs.org/A/70/174>.\n\
[^paris]: See <https://pariscall.international/en/>.\n",
        ),
        (
            K::Methodology,
            "The BPF worked in three workstreams, each led by a member of the coordinating team, and met in \
open virtual meetings announced on its mailing list and website.[^site] A call for contributions invited \
stakeholders to share their experience with norms assessment; the contributions are listed in \
[](#case-studies).\n\n\
[^site]: <https://www.intgovforum.org/multilingual/content/bpf-cybersecurity>\n",
        ),
        (
            K::CaseStudies,
            "Contributions came from governments, companies, civil society and the technical community.\n\n\
| Agreement | Year | Signatories | Assessment foreseen |\n\
|---|---:|---|---|\n\
| Paris Call for Trust and Security in Cyberspace | 2018 | states, companies, civil society | no |\n\
| Cybersecurity Tech Accord | 2018 | companies | annual report |\n\
| GCSC norms | 2019 | commission | no |\n\
| UN OEWG report | 2021 | states | voluntary national surveys |\n\n\
Table: Agreements examined by the BPF in 2020\n\n\
::: observations\n\
Where an agreement asks its signatories to report on their implementation, the reports are the richest \
source of evidence on how norms are applied.\n\
:::\n\n\
::: recommendations\n\
1. Include a light-weight assessment mechanism in new agreements.\n\
2. Involve stakeholders beyond government in assessments.\n\
:::\n",
        ),
    ]
}
