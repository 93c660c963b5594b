//! Public comments on the draft output: each linked to a report section, each given a disposition
//! and a response; the final output is published only when every comment is resolved (or the
//! coordinators override that explicitly).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::report::ReportSection;
use crate::validate::InvalidInput;

/// What became of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Disposition {
    Accepted,
    Partly,
    NotAccepted,
    OutOfScope,
}

impl Disposition {
    pub const ALL: [Disposition; 4] =
        [Disposition::Accepted, Disposition::Partly, Disposition::NotAccepted, Disposition::OutOfScope];

    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Accepted => "accepted",
            Disposition::Partly => "partly",
            Disposition::NotAccepted => "not_accepted",
            Disposition::OutOfScope => "out_of_scope",
        }
    }

    pub fn parse(s: &str) -> Option<Disposition> {
        Disposition::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Disposition::Accepted => "Accepted",
            Disposition::Partly => "Partly accepted",
            Disposition::NotAccepted => "Not accepted",
            Disposition::OutOfScope => "Out of scope",
        }
    }

    /// A disposition as a review platform or a spreadsheet writes it.
    pub fn from_text(text: &str) -> Option<Disposition> {
        let t: String = text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        match t.as_str() {
            "" => None,
            "accepted" | "accept" | "yes" | "agreed" | "done" | "incorporated" => Some(Disposition::Accepted),
            "partly" | "partlyaccepted" | "partially" | "partiallyaccepted" | "partial" => {
                Some(Disposition::Partly)
            }
            "notaccepted" | "rejected" | "no" | "declined" => Some(Disposition::NotAccepted),
            "outofscope" | "scope" | "noted" => Some(Disposition::OutOfScope),
            _ => None,
        }
    }

    /// Whether a response must explain the disposition: partly and not accepted need one.
    pub fn needs_response(self) -> bool {
        matches!(self, Disposition::Partly | Disposition::NotAccepted)
    }
}

/// Where a comment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CommentSource {
    /// A CSV file from a review platform or a form.
    Csv,
    /// A message on the mailing list during the comment period.
    Mail,
    /// Typed in by the coordinators.
    Manual,
}

impl CommentSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentSource::Csv => "csv",
            CommentSource::Mail => "mail",
            CommentSource::Manual => "manual",
        }
    }

    pub fn parse(s: &str) -> Option<CommentSource> {
        [CommentSource::Csv, CommentSource::Mail, CommentSource::Manual].into_iter().find(|c| c.as_str() == s)
    }
}

/// A public comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Comment {
    #[ts(type = "number")]
    pub id: i64,
    pub source: CommentSource,
    pub author: String,
    pub organisation: String,
    /// Lower case, or empty.
    pub email: String,
    pub received_on: NaiveDate,
    /// The report section it is about; `None` for the report as a whole.
    #[ts(type = "number | null")]
    pub section_id: Option<i64>,
    pub text: String,
    pub disposition: Option<Disposition>,
    pub response: String,
    /// Set from the disposition and response: see [`is_resolved`].
    pub resolved: bool,
}

/// A comment as typed, or as read from a file, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentInput {
    pub author: String,
    pub organisation: String,
    pub email: String,
    pub received_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub section_id: Option<i64>,
    pub text: String,
}

/// The coordinators' answer to a comment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Resolution {
    pub disposition: Option<Disposition>,
    pub response: String,
}

/// Resolved: a disposition is given, with a response where it must be explained.
pub fn is_resolved(disposition: Option<Disposition>, response: &str) -> bool {
    match disposition {
        None => false,
        Some(d) => !d.needs_response() || !response.trim().is_empty(),
    }
}

/// Checks a resolution: a partly or not accepted comment needs its reason.
pub fn check_resolution(r: &Resolution) -> Result<Resolution, InvalidInput> {
    let response = r.response.trim().to_string();
    if let Some(d) = r.disposition
        && d.needs_response()
        && response.is_empty()
    {
        return Err(InvalidInput::Refused(format!(
            "a comment marked \"{}\" needs a response that says why",
            d.label().to_lowercase()
        )));
    }
    if response.chars().count() > 10_000 {
        return Err(InvalidInput::TooLong {
            what: "the response",
            len: response.chars().count(),
            max: 10_000,
        });
    }
    Ok(Resolution { disposition: r.disposition, response })
}

/// Checks a comment; `today` stands in for a missing date, and no comment comes from the future.
pub fn check_comment(c: &CommentInput, today: NaiveDate) -> Result<CommentInput, InvalidInput> {
    let text = c.text.trim().to_string();
    if text.is_empty() {
        return Err(InvalidInput::Empty { what: "comment" });
    }
    let len = text.chars().count();
    if len > 100_000 {
        return Err(InvalidInput::TooLong { what: "the comment", len, max: 100_000 });
    }
    let received_on = c.received_on.unwrap_or(today);
    if received_on > today {
        return Err(InvalidInput::Date(format!("the comment is dated {received_on}, after today ({today})")));
    }
    let email =
        if c.email.trim().is_empty() { String::new() } else { crate::people::normalise_email(&c.email)? };
    let author = c.author.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(CommentInput {
        author: if author.is_empty() { "Anonymous".into() } else { author },
        organisation: c.organisation.trim().to_string(),
        email,
        received_on: Some(received_on),
        section_id: c.section_id,
        text,
    })
}

/// The final output may be published: every comment is resolved, or `override_unresolved` says
/// the coordinators publish anyway.
pub fn check_final_publication(comments: &[Comment], override_unresolved: bool) -> Result<(), InvalidInput> {
    let open = comments.iter().filter(|c| !c.resolved).count();
    if open == 0 || override_unresolved {
        return Ok(());
    }
    Err(InvalidInput::UnresolvedComments { open })
}

/// The section a reviewer named: its number ("B", "B.2" → B, "Annex 1"), its title, or its
/// anchor, given the sections in report order with their numbers. `None` when nothing matches.
pub fn find_section(text: &str, sections: &[(Option<String>, &ReportSection)]) -> Option<i64> {
    let t = text.trim().trim_start_matches("Chapter ").trim_start_matches("chapter ").trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    let head = lower.split(['.', ' ', ':', ')']).next().unwrap_or("");
    sections
        .iter()
        .find(|(_, s)| s.title.to_lowercase() == lower || s.anchor() == lower)
        .or_else(|| {
            sections.iter().find(|(n, _)| {
                n.as_deref().is_some_and(|n| {
                    let n = n.to_lowercase();
                    n == lower
                        || (!n.starts_with("annex") && n == head)
                        || lower.starts_with(&format!("{n}:"))
                })
            })
        })
        .or_else(|| {
            sections.iter().find(|(_, s)| lower.len() >= 8 && s.title.to_lowercase().starts_with(&lower))
        })
        .map(|(_, s)| s.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::SectionKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_comment_is_resolved_by_a_disposition_with_its_reason() {
        assert!(!is_resolved(None, "Thanks"));
        assert!(is_resolved(Some(Disposition::Accepted), ""));
        assert!(is_resolved(Some(Disposition::OutOfScope), ""));
        assert!(!is_resolved(Some(Disposition::Partly), " "));
        assert!(is_resolved(Some(Disposition::Partly), "Added to B.2; the rest is covered in C."));
        assert!(!is_resolved(Some(Disposition::NotAccepted), ""));
        let e = check_resolution(&Resolution {
            disposition: Some(Disposition::NotAccepted),
            response: " ".into(),
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "a comment marked \"not accepted\" needs a response that says why");
    }

    #[test]
    fn the_final_output_waits_for_every_comment_unless_overridden() {
        let c = |id, resolved| Comment {
            id,
            source: CommentSource::Csv,
            author: "A".into(),
            organisation: String::new(),
            email: String::new(),
            received_on: d("2020-10-01"),
            section_id: None,
            text: "T".into(),
            disposition: None,
            response: String::new(),
            resolved,
        };
        assert!(check_final_publication(&[], false).is_ok());
        assert!(check_final_publication(&[c(1, true)], false).is_ok());
        let e = check_final_publication(&[c(1, true), c(2, false), c(3, false)], false).unwrap_err();
        assert!(e.to_string().starts_with("2 public comments on the draft are not resolved yet"), "{e}");
        let e = check_final_publication(&[c(2, false)], false).unwrap_err();
        assert!(e.to_string().starts_with("1 public comment on the draft is not resolved yet"), "{e}");
        assert!(check_final_publication(&[c(2, false)], true).is_ok());
    }

    #[test]
    fn dispositions_as_people_write_them() {
        assert_eq!(Disposition::from_text("Partially accepted"), Some(Disposition::Partly));
        assert_eq!(Disposition::from_text("Not accepted"), Some(Disposition::NotAccepted));
        assert_eq!(Disposition::from_text("out-of-scope"), Some(Disposition::OutOfScope));
        assert_eq!(Disposition::from_text("maybe"), None);
    }

    #[test]
    fn sections_are_found_by_number_title_or_anchor() {
        let mk = |id, kind: SectionKind| ReportSection {
            id,
            kind,
            title: kind.default_title().into(),
            included: true,
            body: "x".into(),
        };
        let (a, b, c, m) = (
            mk(1, SectionKind::Issues),
            mk(2, SectionKind::Methodology),
            mk(3, SectionKind::CaseStudies),
            mk(4, SectionKind::AnnexMeetings),
        );
        let list = vec![
            (Some("A".to_string()), &a),
            (Some("B".to_string()), &b),
            (Some("C".to_string()), &c),
            (Some("Annex 1".to_string()), &m),
        ];
        assert_eq!(find_section("B", &list), Some(2));
        assert_eq!(find_section("B.2", &list), Some(2));
        assert_eq!(find_section("Chapter C", &list), Some(3));
        assert_eq!(find_section("annex 1", &list), Some(4));
        assert_eq!(find_section("Methodology and BPF activities", &list), Some(2));
        assert_eq!(find_section("methodology", &list), Some(2), "the anchor");
        assert_eq!(find_section("Case studies", &list), Some(3), "the start of a title");
        assert_eq!(find_section("Z", &list), None);
        assert_eq!(find_section("", &list), None);
    }

    #[test]
    fn comments_are_checked() {
        let today = d("2020-10-20");
        let c = check_comment(
            &CommentInput { text: " Good. ".into(), email: "A@B.org".into(), ..Default::default() },
            today,
        )
        .unwrap();
        assert_eq!(
            (c.author.as_str(), c.email.as_str(), c.received_on),
            ("Anonymous", "a@b.org", Some(today))
        );
        assert_eq!(
            check_comment(&CommentInput::default(), today).unwrap_err(),
            InvalidInput::Empty { what: "comment" }
        );
    }
}
