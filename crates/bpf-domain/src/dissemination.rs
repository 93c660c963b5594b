//! Dissemination and outreach: the institutions that should receive the output, the cover letter
//! (a template with fields), the log of what was sent when, the press-release draft, and the key
//! organisations invited during the year with their answer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::{StakeholderGroup, country_code, normalise_email};
use crate::regions::Region;
use crate::report::long_date;
use crate::validate::InvalidInput;

/// An institution the output is sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Institution {
    #[ts(type = "number")]
    pub id: i64,
    pub organisation: String,
    /// The contact person, preferred to a generic address.
    pub contact: String,
    pub email: String,
    /// Postal address, one line per line.
    pub address: String,
    /// Why the output matters to it.
    pub why: String,
    pub group: Option<StakeholderGroup>,
    pub country: String,
    pub region: Option<Region>,
    /// The last time the output was sent to it.
    pub sent_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InstitutionInput {
    pub organisation: String,
    pub contact: String,
    pub email: String,
    pub address: String,
    pub why: String,
    pub group: Option<StakeholderGroup>,
    pub country: String,
}

/// Checks an institution: a name; the address, if any, is an e-mail address; the country known.
pub fn check_institution(i: &InstitutionInput) -> Result<InstitutionInput, InvalidInput> {
    let organisation = i.organisation.split_whitespace().collect::<Vec<_>>().join(" ");
    if organisation.is_empty() {
        return Err(InvalidInput::Empty { what: "name of the institution" });
    }
    let email = if i.email.trim().is_empty() { String::new() } else { normalise_email(&i.email)? };
    Ok(InstitutionInput {
        organisation,
        contact: i.contact.trim().to_string(),
        email,
        address: i.address.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"),
        why: i.why.trim().to_string(),
        group: i.group,
        country: country_code(&i.country)?,
    })
}

/// How the output reached an institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Channel {
    Email,
    Post,
    Meeting,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Email, Channel::Post, Channel::Meeting, Channel::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Post => "post",
            Channel::Meeting => "meeting",
            Channel::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One sending, as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sending {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub institution_id: Option<i64>,
    /// The institution's name when it was sent (kept if the institution is deleted).
    pub organisation: String,
    pub sent_on: NaiveDate,
    pub channel: Channel,
    pub note: String,
}

/// The answer of an organisation invited to take part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Answer {
    Pending,
    Committed,
    Interested,
    Declined,
    NoAnswer,
}

impl Answer {
    pub const ALL: [Answer; 5] =
        [Answer::Pending, Answer::Committed, Answer::Interested, Answer::Declined, Answer::NoAnswer];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Pending => "pending",
            Answer::Committed => "committed",
            Answer::Interested => "interested",
            Answer::Declined => "declined",
            Answer::NoAnswer => "no_answer",
        }
    }

    pub fn parse(s: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Answer::Pending => "Waiting for an answer",
            Answer::Committed => "Committed to take part",
            Answer::Interested => "Interested",
            Answer::Declined => "Declined",
            Answer::NoAnswer => "No answer",
        }
    }
}

/// A key organisation invited to take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Invitation {
    #[ts(type = "number")]
    pub id: i64,
    pub organisation: String,
    pub contact: String,
    pub group: Option<StakeholderGroup>,
    pub country: String,
    pub region: Option<Region>,
    /// Who in the team invited it.
    pub invited_by: String,
    pub invited_on: NaiveDate,
    pub answer: Answer,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvitationInput {
    pub organisation: String,
    pub contact: String,
    pub group: Option<StakeholderGroup>,
    pub country: String,
    pub invited_by: String,
    pub invited_on: NaiveDate,
    pub answer: Answer,
    pub notes: String,
}

/// Checks an invitation; nobody is invited in the future.
pub fn check_invitation(i: &InvitationInput, today: NaiveDate) -> Result<InvitationInput, InvalidInput> {
    let organisation = i.organisation.split_whitespace().collect::<Vec<_>>().join(" ");
    if organisation.is_empty() {
        return Err(InvalidInput::Empty { what: "name of the organisation" });
    }
    if i.invited_on > today {
        return Err(InvalidInput::Date(format!(
            "the invitation is dated {}, after today ({today})",
            i.invited_on
        )));
    }
    Ok(InvitationInput {
        organisation,
        contact: i.contact.trim().to_string(),
        country: country_code(&i.country)?,
        invited_by: i.invited_by.trim().to_string(),
        notes: i.notes.trim().to_string(),
        ..i.clone()
    })
}

/// The cover letter a new project starts with. Fields in double braces are filled per
/// institution; see [`LETTER_FIELDS`].
pub const DEFAULT_LETTER: &str = "Dear {{contact}},

On behalf of the Internet Governance Forum's Best Practice Forum on {{topic}}, we are pleased to share with you our final output report, *{{report_title}}* ({{year}}), attached to this letter.

{{why}}

The report is the result of a year of open, multistakeholder work: virtual meetings open to all, a public mailing list, calls for contributions and a public comment period on the draft. We would welcome the opportunity to discuss its findings with {{organisation}}, and to hear how they could be useful to your work.

Yours sincerely,

{{signatory}}
";

/// The fields a letter may use, with what they stand for.
pub const LETTER_FIELDS: [(&str, &str); 9] = [
    ("contact", "the contact person (or \"Sir or Madam\" when none is known)"),
    ("organisation", "the institution's name"),
    ("why", "why the output matters to the institution"),
    ("topic", "the BPF's topic, from its title"),
    ("bpf", "the BPF's title"),
    ("report_title", "the title of the output report"),
    ("year", "the IGF year"),
    ("date", "the date of the letter"),
    ("signatory", "who signs the letter"),
];

/// Fills the `{{field}}` placeholders of a template. A field the template uses that is not in
/// `values`, or a brace left open, is an error that names it.
pub fn fill_template(template: &str, values: &[(&str, String)]) -> Result<String, InvalidInput> {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err(InvalidInput::Refused(
                "the letter has a \"{{\" that is never closed with \"}}\"".into(),
            ));
        };
        let name = after[..end].trim();
        match values.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => {
                let known: Vec<String> = values.iter().map(|(k, _)| format!("{{{{{k}}}}}")).collect();
                return Err(InvalidInput::Refused(format!(
                    "the letter uses {{{{{name}}}}}, which is not a field: use {}",
                    known.join(", ")
                )));
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The BPF's topic from its title: "Best Practice Forum on Cybersecurity" → "Cybersecurity".
pub fn topic_of(title: &str) -> String {
    let t = title.trim();
    for prefix in ["Best Practice Forum on ", "BPF on ", "BPF ", "Best Practice Forum "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    t.to_string()
}

/// A press-release draft (Markdown) naming the institutions the output was sent to.
pub fn press_release(
    bpf_title: &str,
    year: i32,
    published_on: Option<NaiveDate>,
    sent_to: &[String],
    contact: &str,
) -> String {
    let when = published_on.map_or(String::new(), |d| format!(" on {}", long_date(d)));
    let mut text = format!(
        "**The Internet Governance Forum's {bpf_title} publishes its {year} output report**\n\n\
         The {bpf_title} of the Internet Governance Forum (IGF) published its final output report{when}. \
         The report brings together a year of open, bottom-up and multistakeholder work: open virtual meetings, \
         a public mailing list, calls for contributions and a public comment period on the draft.\n\n"
    );
    if sent_to.is_empty() {
        text.push_str("The report is being sent to the institutions and decision-making bodies that can put its findings to use.\n\n");
    } else {
        let list = match sent_to {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        text.push_str(&format!(
            "The report has been sent to {} institution{} and decision-making bod{} that can put its findings to use: {list}.\n\n",
            sent_to.len(),
            if sent_to.len() == 1 { "" } else { "s" },
            if sent_to.len() == 1 { "y" } else { "ies" }
        ));
    }
    if !contact.trim().is_empty() {
        text.push_str(&format!("For more information, write to {}.\n", contact.trim()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_filled_and_unknown_fields_are_named() {
        let v = [("contact", "Ms Lee".to_string()), ("organisation", "ITU".to_string())];
        assert_eq!(
            fill_template("Dear {{contact}}, at {{ organisation }}.", &v).unwrap(),
            "Dear Ms Lee, at ITU."
        );
        let e = fill_template("Dear {{name}},", &v).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the letter uses {{name}}, which is not a field: use {{contact}}, {{organisation}}"
        );
        let e = fill_template("Dear {{contact,", &v).unwrap_err();
        assert_eq!(e.to_string(), "the letter has a \"{{\" that is never closed with \"}}\"");
        let all: Vec<(&str, String)> = LETTER_FIELDS.iter().map(|(k, _)| (*k, format!("<{k}>"))).collect();
        let filled = fill_template(DEFAULT_LETTER, &all).unwrap();
        assert!(filled.starts_with("Dear <contact>,") && !filled.contains("{{"), "{filled}");
    }

    #[test]
    fn the_press_release_names_the_institutions() {
        let text = press_release(
            "Best Practice Forum on Cybersecurity",
            2020,
            NaiveDate::from_ymd_opt(2020, 11, 20),
            &["ITU".into(), "OECD".into(), "Council of Europe".into()],
            "bpf@example.org",
        );
        assert!(text.contains("published its final output report on 20 November 2020."), "{text}");
        assert!(text.contains("sent to 3 institutions and decision-making bodies that can put its findings to use: ITU, OECD and Council of Europe."), "{text}");
        assert!(text.ends_with("For more information, write to bpf@example.org.\n"));
        assert!(press_release("X", 2020, None, &[], "").contains("is being sent to the institutions"));
    }

    #[test]
    fn institutions_and_invitations_are_checked() {
        let e = check_institution(&InstitutionInput { organisation: " ".into(), ..Default::default() })
            .unwrap_err();
        assert_eq!(e, InvalidInput::Empty { what: "name of the institution" });
        let i = check_institution(&InstitutionInput {
            organisation: "  OECD ".into(),
            email: "DSTI@oecd.org".into(),
            address: " 2 rue André Pascal \n\n 75016 Paris ".into(),
            country: "France".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            (i.organisation.as_str(), i.email.as_str(), i.country.as_str()),
            ("OECD", "dsti@oecd.org", "FR")
        );
        assert_eq!(i.address, "2 rue André Pascal\n75016 Paris");
        assert_eq!(topic_of("Best Practice Forum on Cybersecurity"), "Cybersecurity");
        let today = NaiveDate::from_ymd_opt(2020, 5, 1).unwrap();
        let inv = InvitationInput {
            organisation: "FIRST".into(),
            contact: String::new(),
            group: None,
            country: String::new(),
            invited_by: "Ben".into(),
            invited_on: NaiveDate::from_ymd_opt(2020, 5, 2).unwrap(),
            answer: Answer::Pending,
            notes: String::new(),
        };
        assert!(check_invitation(&inv, today).unwrap_err().to_string().contains("after today"));
    }
}
