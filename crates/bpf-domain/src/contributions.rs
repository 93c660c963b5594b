//! Calls for contributions and the contributions received: who sent what, when, from which
//! stakeholder group and region, and whether it may be published (and credited) by name.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::{StakeholderGroup, country_code};
use crate::regions::{self, Region};
use crate::validate::InvalidInput;

/// A call for contributions (or case studies, or stakeholder input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Call {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// The call's text, as published (Markdown).
    pub text: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// Where it was announced: "mailing list, IGF website, social media".
    pub channels: String,
    /// Contributions received for it.
    pub received: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CallInput {
    pub title: String,
    pub text: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub channels: String,
}

/// A contribution received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Contribution {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub call_id: Option<i64>,
    pub title: String,
    /// The contributor as credited: a person or an organisation.
    pub contributor: String,
    /// The register entry of the contributor, if linked.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub organisation: String,
    /// ISO code, or empty.
    pub country: String,
    pub country_name: String,
    pub region: Option<Region>,
    pub group: Option<StakeholderGroup>,
    pub received_on: NaiveDate,
    /// May be published and credited by name.
    pub publish: bool,
    /// The contribution's text or summary (Markdown), used for the standalone document.
    pub text: String,
    /// The file received, kept in the project: its name, or empty when none.
    pub file_name: String,
    #[ts(type = "number")]
    pub file_bytes: u64,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContributionInput {
    #[ts(type = "number | null")]
    pub call_id: Option<i64>,
    pub title: String,
    pub contributor: String,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub organisation: String,
    /// As typed: ISO code, English name or alias; empty when not known.
    pub country: String,
    pub group: Option<StakeholderGroup>,
    pub received_on: Option<NaiveDate>,
    pub publish: bool,
    pub text: String,
    pub notes: String,
}

/// A contribution ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedContribution {
    pub call_id: Option<i64>,
    pub title: String,
    pub contributor: String,
    pub person_id: Option<i64>,
    pub organisation: String,
    pub country: String,
    pub group: Option<StakeholderGroup>,
    pub received_on: NaiveDate,
    pub publish: bool,
    pub text: String,
    pub notes: String,
}

fn required(what: &'static str, s: &str, max: usize) -> Result<String, InvalidInput> {
    let s = s.trim();
    if s.is_empty() {
        return Err(InvalidInput::Empty { what });
    }
    let len = s.chars().count();
    if len > max {
        return Err(InvalidInput::TooLong { what, len, max });
    }
    Ok(s.to_string())
}

/// Checks a call: a title, and a close date on or after its open date.
pub fn check_call(c: &CallInput) -> Result<CallInput, InvalidInput> {
    let title = required("title of the call", &c.title, 300)?;
    if c.closes_on < c.opens_on {
        return Err(InvalidInput::PeriodEndsBeforeStart { title, start: c.opens_on, end: c.closes_on });
    }
    Ok(CallInput {
        title,
        text: c.text.trim().to_string(),
        channels: c.channels.trim().to_string(),
        ..c.clone()
    })
}

/// Checks a contribution; `today` is the received date when none is given, and no contribution
/// is received in the future.
pub fn check_contribution(
    c: &ContributionInput,
    today: NaiveDate,
) -> Result<CheckedContribution, InvalidInput> {
    let received_on = c.received_on.unwrap_or(today);
    if received_on > today {
        return Err(InvalidInput::Date(format!(
            "the contribution is dated {received_on}, after today ({today}): give the day it was received"
        )));
    }
    Ok(CheckedContribution {
        call_id: c.call_id,
        title: required("title of the contribution", &c.title, 500)?,
        contributor: required("contributor", &c.contributor, 300)?,
        person_id: c.person_id,
        organisation: c.organisation.trim().to_string(),
        country: country_code(&c.country)?,
        group: c.group,
        received_on,
        publish: c.publish,
        text: c.text.trim().to_string(),
        notes: c.notes.trim().to_string(),
    })
}

/// The credit line of a contribution published by name.
pub fn credit_line(c: &Contribution, bpf_title: &str, year: i32) -> String {
    let mut who = c.contributor.clone();
    if !c.organisation.is_empty() && c.organisation != c.contributor {
        who = format!("{who}, {}", c.organisation);
    }
    let mut about = Vec::new();
    if let Some(g) = c.group {
        about.push(g.label().to_string());
    }
    if !c.country_name.is_empty() {
        about.push(c.country_name.clone());
    }
    let about = if about.is_empty() { String::new() } else { format!(" ({})", about.join(", ")) };
    format!(
        "Contribution by {who}{about} to the IGF {year} {bpf_title}, received on {}. Published with the contributor's permission; the views expressed are the contributor's own.",
        crate::report::long_date(c.received_on)
    )
}

/// The name and region of a country code, for display.
pub fn country_parts(code: &str) -> (String, Option<Region>) {
    match regions::find_country(code) {
        Some(c) if !code.is_empty() => (c.name.clone(), c.region),
        _ => (String::new(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_call_closes_after_it_opens() {
        let c = CallInput {
            title: " Call for case studies ".into(),
            text: String::new(),
            opens_on: d("2020-07-01"),
            closes_on: d("2020-06-30"),
            channels: String::new(),
        };
        let e = check_call(&c).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"Call for case studies\" ends (2020-06-30) before it starts (2020-07-01)"
        );
        assert!(check_call(&CallInput { closes_on: d("2020-07-01"), ..c }).is_ok());
    }

    #[test]
    fn a_contribution_needs_a_title_a_contributor_and_a_past_date() {
        let today = d("2020-09-01");
        let c = ContributionInput {
            title: "Norms in practice".into(),
            contributor: "Ana Souza".into(),
            country: "Brazill".into(),
            ..Default::default()
        };
        assert!(
            check_contribution(&c, today).unwrap_err().to_string().contains("\"Brazill\" is not a country")
        );
        let c = ContributionInput { country: "Brazil".into(), ..c };
        let ok = check_contribution(&c, today).unwrap();
        assert_eq!((ok.received_on, ok.country.as_str()), (today, "BR"));
        let late = ContributionInput { received_on: Some(d("2020-09-02")), ..c.clone() };
        assert!(
            check_contribution(&late, today).unwrap_err().to_string().contains("after today (2020-09-01)")
        );
        let nobody = ContributionInput { contributor: " ".into(), ..c };
        assert_eq!(
            check_contribution(&nobody, today).unwrap_err(),
            InvalidInput::Empty { what: "contributor" }
        );
    }

    #[test]
    fn the_credit_line_names_contributor_organisation_group_and_country() {
        let c = Contribution {
            id: 1,
            call_id: None,
            title: "Norms in practice".into(),
            contributor: "Ana Souza".into(),
            person_id: None,
            organisation: "NIC.br".into(),
            country: "BR".into(),
            country_name: "Brazil".into(),
            region: Some(Region::LatinAmericanCaribbean),
            group: Some(StakeholderGroup::TechnicalCommunity),
            received_on: d("2020-08-14"),
            publish: true,
            text: String::new(),
            file_name: String::new(),
            file_bytes: 0,
            notes: String::new(),
        };
        assert_eq!(
            credit_line(&c, "BPF Cybersecurity", 2020),
            "Contribution by Ana Souza, NIC.br (Technical community, Brazil) to the IGF 2020 BPF Cybersecurity, received on 14 August 2020. Published with the contributor's permission; the views expressed are the contributor's own."
        );
    }
}
