//! The register of people: who takes part in the BPF, from which stakeholder group and region,
//! and the rules that turn what people typed (in a form or a CSV file) into register entries.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::regions::{self, Region};
use crate::validate::InvalidInput;

/// The six stakeholder groups of the IGF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StakeholderGroup {
    Government,
    PrivateSector,
    CivilSociety,
    TechnicalCommunity,
    Academia,
    Intergovernmental,
}

impl StakeholderGroup {
    pub const ALL: [StakeholderGroup; 6] = [
        StakeholderGroup::Government,
        StakeholderGroup::PrivateSector,
        StakeholderGroup::CivilSociety,
        StakeholderGroup::TechnicalCommunity,
        StakeholderGroup::Academia,
        StakeholderGroup::Intergovernmental,
    ];

    /// The stored and serialised name.
    pub fn as_str(self) -> &'static str {
        match self {
            StakeholderGroup::Government => "government",
            StakeholderGroup::PrivateSector => "private_sector",
            StakeholderGroup::CivilSociety => "civil_society",
            StakeholderGroup::TechnicalCommunity => "technical_community",
            StakeholderGroup::Academia => "academia",
            StakeholderGroup::Intergovernmental => "intergovernmental",
        }
    }

    pub fn parse(s: &str) -> Option<StakeholderGroup> {
        StakeholderGroup::ALL.into_iter().find(|g| g.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            StakeholderGroup::Government => "Government",
            StakeholderGroup::PrivateSector => "Private sector",
            StakeholderGroup::CivilSociety => "Civil society",
            StakeholderGroup::TechnicalCommunity => "Technical community",
            StakeholderGroup::Academia => "Academia",
            StakeholderGroup::Intergovernmental => "Intergovernmental organisation",
        }
    }

    /// The group named in free text, as people write it in spreadsheets ("Business", "NGO",
    /// "Tech community", "IGO", "University" …). `None` when the text names no group.
    pub fn from_text(text: &str) -> Option<StakeholderGroup> {
        let t: String =
            text.trim().to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            return None;
        }
        if let Some(g) = StakeholderGroup::parse(&t.replace(' ', "_")) {
            return Some(g);
        }
        use StakeholderGroup as G;
        const WORDS: &[(&str, StakeholderGroup)] = &[
            ("intergovernmental", G::Intergovernmental),
            ("inter governmental", G::Intergovernmental),
            ("igo", G::Intergovernmental),
            ("international organisation", G::Intergovernmental),
            ("international organization", G::Intergovernmental),
            ("un agency", G::Intergovernmental),
            ("government", G::Government),
            ("governmental", G::Government),
            ("public sector", G::Government),
            ("gov", G::Government),
            ("private sector", G::PrivateSector),
            ("business", G::PrivateSector),
            ("industry", G::PrivateSector),
            ("company", G::PrivateSector),
            ("private", G::PrivateSector),
            ("civil society", G::CivilSociety),
            ("ngo", G::CivilSociety),
            ("cso", G::CivilSociety),
            ("non profit", G::CivilSociety),
            ("nonprofit", G::CivilSociety),
            ("technical community", G::TechnicalCommunity),
            ("technical", G::TechnicalCommunity),
            ("tech community", G::TechnicalCommunity),
            ("tech", G::TechnicalCommunity),
            ("academia", G::Academia),
            ("academic", G::Academia),
            ("academic community", G::Academia),
            ("university", G::Academia),
            ("research", G::Academia),
        ];
        // Whole phrase first, then the first listed phrase the text starts with ("Civil society
        // organisation", "Government of Kenya").
        WORDS
            .iter()
            .find(|(w, _)| t == *w)
            .or_else(|| WORDS.iter().find(|(w, _)| t.starts_with(&format!("{w} "))))
            .map(|(_, g)| *g)
    }
}

/// What a person does in the BPF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PersonRole {
    Participant,
    Contributor,
    Expert,
    Speaker,
    CoordinatingTeam,
    Secretariat,
}

impl PersonRole {
    pub const ALL: [PersonRole; 6] = [
        PersonRole::Participant,
        PersonRole::Contributor,
        PersonRole::Expert,
        PersonRole::Speaker,
        PersonRole::CoordinatingTeam,
        PersonRole::Secretariat,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PersonRole::Participant => "participant",
            PersonRole::Contributor => "contributor",
            PersonRole::Expert => "expert",
            PersonRole::Speaker => "speaker",
            PersonRole::CoordinatingTeam => "coordinating_team",
            PersonRole::Secretariat => "secretariat",
        }
    }

    pub fn parse(s: &str) -> Option<PersonRole> {
        PersonRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            PersonRole::Participant => "Participant",
            PersonRole::Contributor => "Contributor",
            PersonRole::Expert => "Expert",
            PersonRole::Speaker => "Speaker",
            PersonRole::CoordinatingTeam => "Coordinating team",
            PersonRole::Secretariat => "IGF Secretariat",
        }
    }

    /// The role named in free text; `None` when the text names none of them.
    pub fn from_text(text: &str) -> Option<PersonRole> {
        let t = text.trim().to_lowercase().replace(['-', '_'], " ");
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        PersonRole::ALL
            .into_iter()
            .find(|r| r.as_str().replace('_', " ") == t || r.label().to_lowercase() == t)
            .or(match t.as_str() {
                "member" | "attendee" => Some(PersonRole::Participant),
                "author" | "contribution" => Some(PersonRole::Contributor),
                "panelist" | "panellist" | "moderator" => Some(PersonRole::Speaker),
                "facilitator" | "co facilitator" | "mag facilitator" | "lead expert" | "consultant" => {
                    Some(PersonRole::CoordinatingTeam)
                }
                "igf secretariat" => Some(PersonRole::Secretariat),
                _ => None,
            })
    }
}

/// A person in the register, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub organisation: String,
    /// ISO 3166-1 alpha-2 code, or empty when not known.
    pub country: String,
    /// The country's English name, or empty.
    pub country_name: String,
    /// Derived from the country: its UN regional group.
    pub region: Option<Region>,
    pub group: Option<StakeholderGroup>,
    pub role: PersonRole,
    /// Lower-case, own addresses first, then those of people merged into this one.
    pub emails: Vec<String>,
    pub notes: String,
    /// People merged into this one (their entries are hidden, and kept for undo).
    #[ts(type = "number[]")]
    pub merged: Vec<i64>,
}

/// A merge of two entries of the register, as listed for undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonMerge {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub kept_id: i64,
    pub kept_name: String,
    #[ts(type = "number")]
    pub merged_id: i64,
    pub merged_name: String,
    /// Fields of the kept entry that took the merged entry's value.
    pub filled: Vec<String>,
    pub merged_utc: String,
    pub undone_utc: Option<String>,
}

/// A person as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    pub name: String,
    pub organisation: String,
    /// A country as typed: ISO code, English name or a common alias; empty when unknown.
    pub country: String,
    pub group: Option<StakeholderGroup>,
    pub role: Option<PersonRole>,
    pub emails: Vec<String>,
    pub notes: String,
}

/// A person ready to be stored: trimmed, addresses lower-cased and deduplicated, the country as
/// its ISO code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPerson {
    pub name: String,
    pub organisation: String,
    pub country: String,
    pub group: Option<StakeholderGroup>,
    pub role: PersonRole,
    pub emails: Vec<String>,
    pub notes: String,
}

/// An e-mail address as the register keeps it (trimmed, lower case), or the reason it is refused.
pub fn normalise_email(text: &str) -> Result<String, InvalidInput> {
    let s = text.trim().trim_start_matches("mailto:").trim_matches(|c| c == '<' || c == '>').to_lowercase();
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !s.contains(char::is_whitespace)
                && !s.contains([',', ';', '"'])
        }
        None => false,
    };
    if ok && s.len() <= 254 { Ok(s) } else { Err(InvalidInput::Email(text.trim().to_string())) }
}

/// The ISO code of a country as typed, `""` for an empty field, or the reason it is refused.
pub fn country_code(text: &str) -> Result<String, InvalidInput> {
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    regions::find_country(text).map(|c| c.code.clone()).ok_or_else(|| {
        InvalidInput::Refused(format!(
            "\"{}\" is not a country BPF Desk knows: write its English name (e.g. Kenya) or its two-letter ISO code (KE)",
            text.trim()
        ))
    })
}

const MAX_NAME: usize = 200;
const MAX_FIELD: usize = 300;
const MAX_NOTES: usize = 5_000;

fn limit(what: &'static str, s: &str, max: usize) -> Result<(), InvalidInput> {
    let len = s.chars().count();
    if len > max { Err(InvalidInput::TooLong { what, len, max }) } else { Ok(()) }
}

/// Checks a person typed in the form or read from a file.
pub fn check_person(input: &PersonInput) -> Result<CheckedPerson, InvalidInput> {
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(InvalidInput::Empty { what: "name" });
    }
    limit("the name", &name, MAX_NAME)?;
    let organisation = input.organisation.trim().to_string();
    limit("the organisation", &organisation, MAX_FIELD)?;
    let notes = input.notes.trim().to_string();
    limit("the notes", &notes, MAX_NOTES)?;
    let mut emails: Vec<String> = Vec::new();
    for e in input.emails.iter().filter(|e| !e.trim().is_empty()) {
        let e = normalise_email(e)?;
        if !emails.contains(&e) {
            emails.push(e);
        }
    }
    Ok(CheckedPerson {
        name,
        organisation,
        country: country_code(&input.country)?,
        group: input.group,
        role: input.role.unwrap_or(PersonRole::Participant),
        emails,
        notes,
    })
}

/// The key a list of names is sorted by: lower case, accents folded ("Aïcha" before "Andrew").
pub fn sort_key(name: &str) -> String {
    regions::normalize(name)
}

/// A name reduced for matching: lower case, accents and punctuation dropped, words sorted, so
/// "Dr. José  Álvarez" and "alvarez, jose" match.
pub fn name_key(name: &str) -> String {
    let folded = regions::normalize(name);
    let mut words: Vec<&str> =
        folded.split_whitespace().filter(|w| !matches!(*w, "dr" | "mr" | "mrs" | "ms" | "prof")).collect();
    words.sort_unstable();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_from_what_people_write() {
        use StakeholderGroup as G;
        for (text, want) in [
            ("Government", Some(G::Government)),
            ("government of Kenya", Some(G::Government)),
            ("Private Sector", Some(G::PrivateSector)),
            ("private_sector", Some(G::PrivateSector)),
            ("Business", Some(G::PrivateSector)),
            ("Civil society organisation", Some(G::CivilSociety)),
            ("NGO", Some(G::CivilSociety)),
            ("Technical community", Some(G::TechnicalCommunity)),
            ("Tech", Some(G::TechnicalCommunity)),
            ("Academia", Some(G::Academia)),
            ("University", Some(G::Academia)),
            ("IGO", Some(G::Intergovernmental)),
            ("Intergovernmental organization", Some(G::Intergovernmental)),
            ("International Organisation", Some(G::Intergovernmental)),
            ("", None),
            ("Astronaut", None),
            ("governance", None),
        ] {
            assert_eq!(StakeholderGroup::from_text(text), want, "{text}");
        }
    }

    #[test]
    fn roles_from_text() {
        assert_eq!(PersonRole::from_text("Coordinating team"), Some(PersonRole::CoordinatingTeam));
        assert_eq!(PersonRole::from_text("co-facilitator"), Some(PersonRole::CoordinatingTeam));
        assert_eq!(PersonRole::from_text("speaker"), Some(PersonRole::Speaker));
        assert_eq!(PersonRole::from_text("Panellist"), Some(PersonRole::Speaker));
        assert_eq!(PersonRole::from_text("juggler"), None);
    }

    #[test]
    fn a_person_is_checked_and_normalised() {
        let p = check_person(&PersonInput {
            name: "  Ana   Souza ".into(),
            organisation: " NIC.br ".into(),
            country: "brazil".into(),
            group: Some(StakeholderGroup::TechnicalCommunity),
            role: None,
            emails: vec![
                "Ana@NIC.br".into(),
                "ana@nic.br".into(),
                " ".into(),
                "<ana.souza@example.org>".into(),
            ],
            notes: String::new(),
        })
        .unwrap();
        assert_eq!(p.name, "Ana Souza");
        assert_eq!(p.organisation, "NIC.br");
        assert_eq!(p.country, "BR");
        assert_eq!(p.role, PersonRole::Participant);
        assert_eq!(p.emails, ["ana@nic.br", "ana.souza@example.org"]);
    }

    #[test]
    fn bad_people_are_refused_with_the_reason() {
        let base = PersonInput { name: "A".into(), ..Default::default() };
        assert_eq!(
            check_person(&PersonInput { name: "  ".into(), ..base.clone() }),
            Err(InvalidInput::Empty { what: "name" })
        );
        let e = check_person(&PersonInput { country: "Atlantis".into(), ..base.clone() }).unwrap_err();
        assert!(e.to_string().contains("\"Atlantis\" is not a country"), "{e}");
        let e =
            check_person(&PersonInput { emails: vec!["ana at nic.br".into()], ..base.clone() }).unwrap_err();
        assert_eq!(e, InvalidInput::Email("ana at nic.br".into()));
        let e = check_person(&PersonInput { name: "x".repeat(201), ..base }).unwrap_err();
        assert!(matches!(e, InvalidInput::TooLong { len: 201, .. }));
    }

    #[test]
    fn names_sort_as_people_read_them() {
        let mut names = ["Andrew", "Zoë", "aïcha", "Émile", "Aaron"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["Aaron", "aïcha", "Andrew", "Émile", "Zoë"]);
    }

    #[test]
    fn names_match_across_order_titles_and_accents() {
        assert_eq!(name_key("Dr. José  Álvarez"), name_key("alvarez, jose"));
        assert_ne!(name_key("Ana Souza"), name_key("Ana Sousa"));
    }
}
