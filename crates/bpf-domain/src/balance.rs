//! Multistakeholder balance: stakeholder group × region of the people who take part, and the
//! plain-language flags where a group or a region is missing or under-represented.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::StakeholderGroup;
use crate::regions::Region;
use crate::validate::InvalidInput;

/// Which people a balance table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BalanceSet {
    /// Everyone in the register.
    Register,
    /// People who attended at least one meeting.
    Attendance,
    /// People who posted to the mailing list.
    Posters,
    /// Contributions received (each counts once, by its contributor's group and region).
    Contributions,
    /// Key organisations invited to take part during outreach.
    Outreach,
}

impl BalanceSet {
    pub const ALL: [BalanceSet; 5] = [
        BalanceSet::Register,
        BalanceSet::Attendance,
        BalanceSet::Posters,
        BalanceSet::Contributions,
        BalanceSet::Outreach,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BalanceSet::Register => "Participants (register)",
            BalanceSet::Attendance => "Meeting attendance",
            BalanceSet::Posters => "Mailing-list posters",
            BalanceSet::Contributions => "Contributions",
            BalanceSet::Outreach => "Organisations invited (outreach)",
        }
    }

    /// How the people of the set are named in a sentence.
    fn noun(self) -> &'static str {
        match self {
            BalanceSet::Register => "people in the register",
            BalanceSet::Attendance => "meeting attendees",
            BalanceSet::Posters => "list posters",
            BalanceSet::Contributions => "contributions",
            BalanceSet::Outreach => "organisations invited",
        }
    }
}

/// When a flag is raised. Percentages are whole numbers from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BalanceThresholds {
    /// A stakeholder group below this share of the people with a known group is flagged.
    pub min_group_percent: u32,
    /// A region below this share of the people with a known region is flagged.
    pub min_region_percent: u32,
    /// More than this share of people without a group (or a region) is flagged.
    pub max_unknown_percent: u32,
}

impl Default for BalanceThresholds {
    fn default() -> Self {
        BalanceThresholds { min_group_percent: 10, min_region_percent: 10, max_unknown_percent: 25 }
    }
}

/// Checks thresholds typed by a person.
pub fn check_thresholds(t: &BalanceThresholds) -> Result<(), InvalidInput> {
    for (what, v) in [
        ("the minimum share of a stakeholder group", t.min_group_percent),
        ("the minimum share of a region", t.min_region_percent),
        ("the largest share of people without a group or region", t.max_unknown_percent),
    ] {
        if v > 100 {
            return Err(InvalidInput::Refused(format!("{what} is {v}%: give a percentage from 0 to 100")));
        }
    }
    Ok(())
}

/// One person's part in a set: a key that tells people apart (the same key counts once), their
/// group and region when known, and the month of the activity (`YYYY-MM`) for the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participation {
    pub key: String,
    pub group: Option<StakeholderGroup>,
    pub region: Option<Region>,
    pub month: Option<String>,
}

/// How serious a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FlagKind {
    /// Nobody from a group or region.
    Missing,
    /// Below the threshold.
    Low,
    /// Too many people whose group or region is not known.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BalanceFlag {
    pub kind: FlagKind,
    pub text: String,
}

/// Counts of one set: `cells[g][r]` with the groups in [`StakeholderGroup::ALL`] order and the
/// regions in [`Region::ALL`] order, each followed by one "not known" row or column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BalanceTable {
    pub set: BalanceSet,
    pub label: String,
    pub total: u32,
    pub cells: Vec<Vec<u32>>,
    pub by_group: Vec<u32>,
    pub by_region: Vec<u32>,
    pub flags: Vec<BalanceFlag>,
}

/// Distinct people active in one month, by stakeholder group (with "not known" last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BalanceMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub attendance_by_group: Vec<u32>,
    pub posters_by_group: Vec<u32>,
    pub contributions_by_group: Vec<u32>,
}

/// The balance view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Balance {
    pub groups: Vec<StakeholderGroup>,
    pub regions: Vec<Region>,
    pub tables: Vec<BalanceTable>,
    pub months: Vec<BalanceMonth>,
    pub thresholds: BalanceThresholds,
}

fn group_index(g: Option<StakeholderGroup>) -> usize {
    g.map_or(StakeholderGroup::ALL.len(), |g| StakeholderGroup::ALL.iter().position(|x| *x == g).unwrap_or(0))
}

fn region_index(r: Option<Region>) -> usize {
    r.map_or(Region::ALL.len(), |r| Region::ALL.iter().position(|x| *x == r).unwrap_or(0))
}

/// The first participation of each key (a person counts once in a table).
fn distinct(people: &[Participation]) -> Vec<&Participation> {
    let mut seen = HashSet::new();
    people.iter().filter(|p| seen.insert(p.key.as_str())).collect()
}

fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 { 0 } else { ((f64::from(part) * 100.0 / f64::from(whole)).round()) as u32 }
}

fn table(set: BalanceSet, people: &[Participation], t: &BalanceThresholds) -> BalanceTable {
    let mut cells = vec![vec![0u32; Region::ALL.len() + 1]; StakeholderGroup::ALL.len() + 1];
    let people = distinct(people);
    for p in &people {
        cells[group_index(p.group)][region_index(p.region)] += 1;
    }
    let by_group: Vec<u32> = cells.iter().map(|row| row.iter().sum()).collect();
    let by_region: Vec<u32> = (0..=Region::ALL.len()).map(|r| cells.iter().map(|row| row[r]).sum()).collect();
    let total = people.len() as u32;
    let mut flags = Vec::new();
    if total > 0 {
        let noun = set.noun();
        let unknown_group = by_group[StakeholderGroup::ALL.len()];
        let unknown_region = by_region[Region::ALL.len()];
        dimension_flags(
            &mut flags,
            StakeholderGroup::ALL.iter().map(|g| g.label()).zip(by_group.iter().copied()),
            total - unknown_group,
            t.min_group_percent,
            noun,
        );
        dimension_flags(
            &mut flags,
            Region::ALL.iter().map(|r| r.label()).zip(by_region.iter().copied()),
            total - unknown_region,
            t.min_region_percent,
            noun,
        );
        for (unknown, what) in [(unknown_group, "stakeholder group"), (unknown_region, "country")] {
            let share = percent(unknown, total);
            if unknown > 0 && share > t.max_unknown_percent {
                flags.push(BalanceFlag {
                    kind: FlagKind::Unknown,
                    text: format!(
                        "{unknown} of {total} {noun} ({share}%) have no {what} recorded: complete them to make these figures reliable."
                    ),
                });
            }
        }
    }
    BalanceTable { set, label: set.label().to_string(), total, cells, by_group, by_region, flags }
}

fn dimension_flags<'a>(
    flags: &mut Vec<BalanceFlag>,
    counts: impl Iterator<Item = (&'a str, u32)>,
    known: u32,
    min_percent: u32,
    noun: &str,
) {
    if known == 0 {
        return;
    }
    for (label, n) in counts {
        let share = percent(n, known);
        if n == 0 {
            flags
                .push(BalanceFlag { kind: FlagKind::Missing, text: format!("{label}: none of the {noun}.") });
        } else if share < min_percent {
            flags.push(BalanceFlag {
                kind: FlagKind::Low,
                text: format!("{label}: {n} of {known} {noun} ({share}%), below the {min_percent}% you set."),
            });
        }
    }
}

fn monthly(people: &[Participation]) -> BTreeMap<String, Vec<u32>> {
    let mut seen = HashSet::new();
    let mut out: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for p in people {
        let Some(month) = &p.month else { continue };
        if seen.insert((month.as_str(), p.key.as_str())) {
            out.entry(month.clone()).or_insert_with(|| vec![0; StakeholderGroup::ALL.len() + 1])
                [group_index(p.group)] += 1;
        }
    }
    out
}

/// Who took part, set by set: see [`BalanceSet`].
#[derive(Debug, Clone, Default)]
pub struct BalanceInputs {
    pub register: Vec<Participation>,
    pub attendance: Vec<Participation>,
    pub posters: Vec<Participation>,
    pub contributions: Vec<Participation>,
    pub outreach: Vec<Participation>,
}

/// The balance of the register, the meeting attendance, the list posters and the contributions.
pub fn balance(inputs: &BalanceInputs, thresholds: BalanceThresholds) -> Balance {
    let tables = vec![
        table(BalanceSet::Register, &inputs.register, &thresholds),
        table(BalanceSet::Attendance, &inputs.attendance, &thresholds),
        table(BalanceSet::Posters, &inputs.posters, &thresholds),
        table(BalanceSet::Contributions, &inputs.contributions, &thresholds),
        table(BalanceSet::Outreach, &inputs.outreach, &thresholds),
    ];
    let att = monthly(&inputs.attendance);
    let post = monthly(&inputs.posters);
    let contrib = monthly(&inputs.contributions);
    let empty = vec![0; StakeholderGroup::ALL.len() + 1];
    let months: std::collections::BTreeSet<&String> =
        att.keys().chain(post.keys()).chain(contrib.keys()).collect();
    let months = months
        .into_iter()
        .map(|m| BalanceMonth {
            attendance_by_group: att.get(m).unwrap_or(&empty).clone(),
            posters_by_group: post.get(m).unwrap_or(&empty).clone(),
            contributions_by_group: contrib.get(m).unwrap_or(&empty).clone(),
            month: m.clone(),
        })
        .collect();
    Balance {
        groups: StakeholderGroup::ALL.to_vec(),
        regions: Region::ALL.to_vec(),
        tables,
        months,
        thresholds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StakeholderGroup as G;

    fn p(key: &str, g: Option<G>, r: Option<Region>, month: Option<&str>) -> Participation {
        Participation { key: key.into(), group: g, region: r, month: month.map(String::from) }
    }

    /// A hand-computed set: ten people, one of them twice, two without a group, one without a
    /// country; no private sector; Eastern Europe once (1 of 9 known = 11%, above 10%);
    /// academia once (1 of 8 known groups = 13%).
    fn ten() -> Vec<Participation> {
        use Region as R;
        vec![
            p("a", Some(G::Government), Some(R::African), Some("2020-05")),
            p("b", Some(G::Government), Some(R::WesternEuropeanOther), Some("2020-05")),
            p("c", Some(G::CivilSociety), Some(R::AsiaPacific), Some("2020-05")),
            p("d", Some(G::CivilSociety), Some(R::LatinAmericanCaribbean), Some("2020-06")),
            p("e", Some(G::TechnicalCommunity), Some(R::WesternEuropeanOther), Some("2020-06")),
            p("f", Some(G::TechnicalCommunity), Some(R::African), Some("2020-06")),
            p("g", Some(G::Academia), Some(R::EasternEuropean), Some("2020-06")),
            p("h", Some(G::Intergovernmental), Some(R::WesternEuropeanOther), Some("2020-07")),
            p("i", None, Some(R::AsiaPacific), Some("2020-07")),
            p("j", None, None, Some("2020-07")),
            p("a", Some(G::Government), Some(R::African), Some("2020-07")),
        ]
    }

    #[test]
    fn counts_by_group_and_region_count_each_person_once() {
        let b = balance(
            &BalanceInputs { register: ten(), attendance: ten(), ..Default::default() },
            BalanceThresholds::default(),
        );
        let t = &b.tables[0];
        assert_eq!(t.total, 10);
        // Groups: government 2, private 0, civil society 2, technical 2, academia 1, IGO 1, unknown 2.
        assert_eq!(t.by_group, [2, 0, 2, 2, 1, 1, 2]);
        // Regions: African 2, Asia-Pacific 2, Eastern European 1, GRULAC 1, WEOG 3, unknown 1.
        assert_eq!(t.by_region, [2, 2, 1, 1, 3, 1]);
        assert_eq!(t.cells[0][0], 1, "government × African");
        assert_eq!(t.cells[6][5], 1, "no group × no country");
        assert_eq!(t.cells.iter().flatten().sum::<u32>(), 10);
        assert!(b.tables[2].flags.is_empty(), "an empty set raises no flags");
        assert_eq!(b.tables[2].total, 0);
    }

    #[test]
    fn flags_say_what_is_missing_and_what_is_low() {
        let b =
            balance(&BalanceInputs { register: ten(), ..Default::default() }, BalanceThresholds::default());
        let texts: Vec<&str> = b.tables[0].flags.iter().map(|f| f.text.as_str()).collect();
        // 2 of 10 without a group is 20%, within the 25% allowed; every other share is above 10%.
        assert_eq!(texts, ["Private sector: none of the people in the register."]);
        // Stricter thresholds: academia 1 of 8 (13%) and IGO 1 of 8 (13%) fall below 15%, Eastern
        // Europe and GRULAC 1 of 9 (11%) below 15%, and 20% without a group is above 10%.
        let strict =
            BalanceThresholds { min_group_percent: 15, min_region_percent: 15, max_unknown_percent: 10 };
        let b = balance(&BalanceInputs { register: ten(), ..Default::default() }, strict);
        let texts: Vec<&str> = b.tables[0].flags.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Private sector: none of the people in the register.",
                "Academia: 1 of 8 people in the register (13%), below the 15% you set.",
                "Intergovernmental organisation: 1 of 8 people in the register (13%), below the 15% you set.",
                "Eastern European States: 1 of 9 people in the register (11%), below the 15% you set.",
                "Latin American and Caribbean States: 1 of 9 people in the register (11%), below the 15% you set.",
                "2 of 10 people in the register (20%) have no stakeholder group recorded: complete them to make these figures reliable.",
            ]
        );
        assert_eq!(b.tables[0].flags[0].kind, FlagKind::Missing);
        assert_eq!(b.tables[0].flags[1].kind, FlagKind::Low);
        assert_eq!(b.tables[0].flags[5].kind, FlagKind::Unknown);
    }

    #[test]
    fn the_timeline_counts_distinct_people_per_month() {
        let b = balance(
            &BalanceInputs { attendance: ten(), posters: ten()[..3].to_vec(), ..Default::default() },
            BalanceThresholds::default(),
        );
        let months: Vec<&str> = b.months.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(months, ["2020-05", "2020-06", "2020-07"]);
        assert_eq!(b.months[0].attendance_by_group, [2, 0, 1, 0, 0, 0, 0]);
        assert_eq!(b.months[0].posters_by_group, [2, 0, 1, 0, 0, 0, 0]);
        // July: h (IGO), i and j (no group), a again (government: a new month counts again).
        assert_eq!(b.months[2].attendance_by_group, [1, 0, 0, 0, 0, 1, 2]);
        assert_eq!(b.months[2].posters_by_group, [0; 7]);
    }

    #[test]
    fn thresholds_are_percentages() {
        assert!(check_thresholds(&BalanceThresholds::default()).is_ok());
        let e = check_thresholds(&BalanceThresholds { min_region_percent: 101, ..Default::default() })
            .unwrap_err();
        assert!(e.to_string().contains("101%"), "{e}");
    }
}
