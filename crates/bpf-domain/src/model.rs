//! The records of one BPF year, as stored and as exchanged with the UI.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Identity and purpose of the BPF for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export)]
pub struct Profile {
    pub title: String,
    pub year: i32,
    /// Topic and focus: a narrative.
    pub topic: String,
    /// A clear, realistic goal for the year.
    pub goal: String,
    pub website_url: String,
    pub mailing_list: String,
    pub contact_email: String,
}

/// Roles in the coordinating team, as named in the BPF modalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    MagFacilitator,
    CoFacilitator,
    LeadExpert,
    WorkstreamLead,
    SecretariatConsultant,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::MagFacilitator,
        Role::CoFacilitator,
        Role::LeadExpert,
        Role::WorkstreamLead,
        Role::SecretariatConsultant,
    ];

    /// The stored and serialised name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::MagFacilitator => "mag_facilitator",
            Role::CoFacilitator => "co_facilitator",
            Role::LeadExpert => "lead_expert",
            Role::WorkstreamLead => "workstream_lead",
            Role::SecretariatConsultant => "secretariat_consultant",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::MagFacilitator => "MAG facilitator",
            Role::CoFacilitator => "Co-facilitator",
            Role::LeadExpert => "Lead expert",
            Role::WorkstreamLead => "Workstream lead",
            Role::SecretariatConsultant => "Secretariat consultant",
        }
    }

    /// Facilitators are the ones the "at least two facilitators" rule counts.
    pub fn is_facilitator(self) -> bool {
        matches!(self, Role::MagFacilitator | Role::CoFacilitator)
    }
}

/// A member of the coordinating team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamMember {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub role: Role,
    pub mag_member: bool,
}

/// A team member before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamMemberInput {
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub role: Role,
    pub mag_member: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeetingFormat {
    InPerson,
    Online,
    Hybrid,
}

impl MeetingFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingFormat::InPerson => "in_person",
            MeetingFormat::Online => "online",
            MeetingFormat::Hybrid => "hybrid",
        }
    }

    pub fn parse(s: &str) -> Option<MeetingFormat> {
        [MeetingFormat::InPerson, MeetingFormat::Online, MeetingFormat::Hybrid]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

/// The IGF annual meeting of the year: every derived date hangs on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnnualMeeting {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// City and country, or a description for an online meeting.
    pub place: String,
    pub format: MeetingFormat,
    /// IANA time zone of the meeting venue (or of the host for an online meeting).
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Workstream {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub lead: String,
    pub objective: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkstreamInput {
    pub name: String,
    pub lead: String,
    pub objective: String,
}

/// What a milestone stands for in the cycle; `Custom` for anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MilestoneKind {
    KickOff,
    WorkstreamActivation,
    OpenMeeting,
    CallForContributions,
    DraftPublished,
    PublicComment,
    AnnualMeetingSession,
    FinalOutput,
    Dissemination,
    NextYearTopics,
    Custom,
}

impl MilestoneKind {
    pub const ALL: [MilestoneKind; 11] = [
        MilestoneKind::KickOff,
        MilestoneKind::WorkstreamActivation,
        MilestoneKind::OpenMeeting,
        MilestoneKind::CallForContributions,
        MilestoneKind::DraftPublished,
        MilestoneKind::PublicComment,
        MilestoneKind::AnnualMeetingSession,
        MilestoneKind::FinalOutput,
        MilestoneKind::Dissemination,
        MilestoneKind::NextYearTopics,
        MilestoneKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneKind::KickOff => "kick_off",
            MilestoneKind::WorkstreamActivation => "workstream_activation",
            MilestoneKind::OpenMeeting => "open_meeting",
            MilestoneKind::CallForContributions => "call_for_contributions",
            MilestoneKind::DraftPublished => "draft_published",
            MilestoneKind::PublicComment => "public_comment",
            MilestoneKind::AnnualMeetingSession => "annual_meeting_session",
            MilestoneKind::FinalOutput => "final_output",
            MilestoneKind::Dissemination => "dissemination",
            MilestoneKind::NextYearTopics => "next_year_topics",
            MilestoneKind::Custom => "custom",
        }
    }

    pub fn parse(s: &str) -> Option<MilestoneKind> {
        MilestoneKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Work of this kind feeds the annual meeting, so it must happen before it starts.
    pub fn precedes_meeting(self) -> bool {
        matches!(
            self,
            MilestoneKind::KickOff
                | MilestoneKind::WorkstreamActivation
                | MilestoneKind::OpenMeeting
                | MilestoneKind::CallForContributions
                | MilestoneKind::DraftPublished
        )
    }
}

/// Stored status; "late" is never stored, it is derived from today's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MilestoneStatus {
    Planned,
    Done,
}

impl MilestoneStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::Planned => "planned",
            MilestoneStatus::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<MilestoneStatus> {
        match s {
            "planned" => Some(MilestoneStatus::Planned),
            "done" => Some(MilestoneStatus::Done),
            _ => None,
        }
    }
}

/// The status shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EffectiveStatus {
    Planned,
    Done,
    Late,
}

/// Which day of the annual meeting a derived date counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Anchor {
    MeetingStart,
    MeetingEnd,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::MeetingStart => "meeting_start",
            Anchor::MeetingEnd => "meeting_end",
        }
    }

    pub fn parse(s: &str) -> Option<Anchor> {
        match s {
            "meeting_start" => Some(Anchor::MeetingStart),
            "meeting_end" => Some(Anchor::MeetingEnd),
            _ => None,
        }
    }
}

/// A date rule relative to the annual meeting; a milestone that has one moves with the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Derivation {
    pub anchor: Anchor,
    pub offset_days: i32,
    /// For a period: where it ends, relative to the same meeting.
    pub end: Option<DerivedEnd>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DerivedEnd {
    pub anchor: Anchor,
    pub offset_days: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Milestone {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    /// Last day, for a period (public comment, the session at the annual meeting, a call).
    pub end_date: Option<NaiveDate>,
    pub owner: String,
    #[ts(type = "number | null")]
    pub workstream_id: Option<i64>,
    pub status: MilestoneStatus,
    /// Present when the dates are computed from the annual meeting.
    pub derived: Option<Derivation>,
    pub notes: String,
}

/// A milestone before it is stored, or the new content of an existing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MilestoneInput {
    pub title: String,
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub owner: String,
    #[ts(type = "number | null")]
    pub workstream_id: Option<i64>,
    pub status: MilestoneStatus,
    pub derived: Option<Derivation>,
    pub notes: String,
}

impl Milestone {
    pub fn input(&self) -> MilestoneInput {
        MilestoneInput {
            title: self.title.clone(),
            kind: self.kind,
            date: self.date,
            end_date: self.end_date,
            owner: self.owner.clone(),
            workstream_id: self.workstream_id,
            status: self.status,
            derived: self.derived,
            notes: self.notes.clone(),
        }
    }

    /// The last day the milestone covers.
    pub fn last_day(&self) -> NaiveDate {
        self.end_date.unwrap_or(self.date)
    }
}

/// Everything stored about one BPF year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BpfYear {
    pub profile: Profile,
    pub meeting: Option<AnnualMeeting>,
    pub team: Vec<TeamMember>,
    pub workstreams: Vec<Workstream>,
    pub milestones: Vec<Milestone>,
    /// Where participants join from, for local times and the slot finder.
    pub places: Vec<crate::meeting::Place>,
    /// Virtual meetings, in start order.
    pub meetings: Vec<crate::meeting::Meeting>,
}
