//! The five United Nations regional groups, and the countries participants come from.
//!
//! A Best Practice Forum reports how widely its participants are spread over the world, and the
//! IGF counts that by the regional groups the UN uses for its elections (as listed by the UN
//! Department for General Assembly and Conference Management). The country table lives in
//! `data/countries.csv`, embedded at build time: one row a country or territory, with its
//! ISO 3166-1 alpha-2 code, short English name, group key and the other names people type.
//!
//! # Convention
//!
//! All 193 UN member states are in exactly one group, so the groups add up to 193:
//!
//! | group | states |
//! | --- | --- |
//! | African States | 54 |
//! | Asia-Pacific States | 54 |
//! | Eastern European States | 23 |
//! | Latin American and Caribbean States | 33 |
//! | Western European and Other States | 29 |
//!
//! - **Kiribati** is in the Asia-Pacific group. (Older figures that give the group 53 states
//!   leave Kiribati out, when it belonged to no group.)
//! - **Türkiye** takes part in the meetings of both the Western European and Others Group and the
//!   Asia-Pacific group, but is counted for elections in WEOG only; it is in WEOG here.
//! - **Israel**, **Australia**, **New Zealand** and **Canada** are in WEOG; **Cyprus** is in the
//!   Asia-Pacific group.
//! - **The United States** is a member of no group: it attends WEOG as an observer and is counted
//!   with WEOG for elections. It is in WEOG here, which makes WEOG 29 (the 28 members usually
//!   quoted, plus the United States).
//!
//! Everything else in the table is not a UN member state and has no group (`none` in the file,
//! `region: None` here): the observer States — the **Holy See**, and the **State of Palestine**,
//! which takes part in the work of the Asia-Pacific group but is not a member state and so is not
//! counted in it — and territories people come from, such as Kosovo (`XK`, a user-assigned code
//! widely used for it, not an official ISO 3166-1 code), Taiwan, Hong Kong, Macao, Puerto Rico
//! and Greenland.
//!
//! Pure data: no I/O. The table is parsed once, on first use, and kept for the life of the
//! process.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The country table: `code,name,group,aliases`. Names hold no comma; the alias column is last,
/// so an alias may hold one ("Korea, Republic of").
const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");

/// A United Nations regional group. Ordered as the UN lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Region {
    /// African States.
    African,
    /// Asia-Pacific States (the Group of Asia and the Pacific Small Island Developing States).
    AsiaPacific,
    /// Eastern European States.
    EasternEuropean,
    /// Latin American and Caribbean States (GRULAC).
    LatinAmericanCaribbean,
    /// Western European and Other States (WEOG), here with the United States.
    WesternEuropeanOther,
}

impl Region {
    /// Every group, in the UN's order.
    pub const ALL: [Region; 5] = [
        Region::African,
        Region::AsiaPacific,
        Region::EasternEuropean,
        Region::LatinAmericanCaribbean,
        Region::WesternEuropeanOther,
    ];

    /// The group's full name, as the UN writes it.
    pub fn label(self) -> &'static str {
        match self {
            Region::African => "African States",
            Region::AsiaPacific => "Asia-Pacific States",
            Region::EasternEuropean => "Eastern European States",
            Region::LatinAmericanCaribbean => "Latin American and Caribbean States",
            Region::WesternEuropeanOther => "Western European and Other States",
        }
    }

    /// A short name, for table headings and charts.
    pub fn short(self) -> &'static str {
        match self {
            Region::African => "Africa",
            Region::AsiaPacific => "Asia-Pacific",
            Region::EasternEuropean => "Eastern Europe",
            Region::LatinAmericanCaribbean => "Latin America & Caribbean",
            Region::WesternEuropeanOther => "WEOG",
        }
    }

    /// The stored and serialised name (the `group` column of `countries.csv`).
    pub fn as_str(self) -> &'static str {
        match self {
            Region::African => "african",
            Region::AsiaPacific => "asia_pacific",
            Region::EasternEuropean => "eastern_european",
            Region::LatinAmericanCaribbean => "latin_american_caribbean",
            Region::WesternEuropeanOther => "western_european_other",
        }
    }

    /// The group of a stored name ([`Region::as_str`]); `None` for anything else.
    pub fn parse(s: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A country or territory participants may come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case (`XK` for Kosovo).
    pub code: String,
    /// Short English name, as the UN writes it ("Côte d'Ivoire", "Türkiye", "Viet Nam").
    pub name: String,
    /// The UN regional group; none (`null`) for a place that is not a UN member state.
    pub region: Option<Region>,
}

/// One row of the table, with the other names it is found by.
struct Row {
    country: Country,
    aliases: Vec<&'static str>,
}

/// The parsed table: countries sorted by name, and every lookup key → index in `countries`.
struct Table {
    countries: Vec<Country>,
    index: HashMap<String, usize>,
}

/// All countries and territories, sorted by name (ignoring case and accents).
pub fn countries() -> &'static [Country] {
    &table().countries
}

/// Finds a country by ISO code (any case), name or alias: case-insensitive, ignoring accents
/// (é→e, ü→u, ô→o, ç→c, í→i, ã→a, ø→o, å→a …), a leading "the ", punctuation (dots, commas,
/// apostrophes — straight or typographic —, brackets), hyphens, "&" for "and", and extra
/// spaces. Returns `None` for unknown text.
pub fn find_country(text: &str) -> Option<&'static Country> {
    let key = normalize(text);
    if key.is_empty() {
        return None;
    }
    let table = table();
    table.index.get(&key).map(|&i| &table.countries[i])
}

/// The region of a country typed by a person (code, name or alias); `None` when the text is
/// unknown or the place is in no group.
pub fn region_of(text: &str) -> Option<Region> {
    find_country(text).and_then(|c| c.region)
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> Table {
    let mut rows = parse_rows();
    rows.sort_by_cached_key(|r| (normalize(&r.country.name), r.country.code.clone()));
    let mut index = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for key in row_keys(row) {
            // Keys are unique across rows (checked by the tests); the first row wins otherwise.
            index.entry(key).or_insert(i);
        }
    }
    Table { countries: rows.into_iter().map(|r| r.country).collect(), index }
}

/// The normalised keys a row is found by: its code, its name and its aliases.
fn row_keys(row: &Row) -> impl Iterator<Item = String> + '_ {
    [row.country.code.as_str(), row.country.name.as_str()]
        .into_iter()
        .chain(row.aliases.iter().copied())
        .map(normalize)
}

/// Parses the embedded table, in file order. A malformed row is a programming error.
fn parse_rows() -> Vec<Row> {
    COUNTRIES_CSV
        .lines()
        .skip(1) // the header
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.splitn(4, ',');
            let mut field = |what: &str| {
                fields
                    .next()
                    .map(str::trim)
                    .unwrap_or_else(|| panic!("countries.csv: no {what} in line {line:?}"))
            };
            let code = field("code");
            let name = field("name");
            let group = field("group");
            let aliases = fields.next().unwrap_or("");
            let region = match group {
                "none" => None,
                key => Some(
                    Region::parse(key)
                        .unwrap_or_else(|| panic!("countries.csv: unknown group {key:?} in line {line:?}")),
                ),
            };
            Row {
                country: Country { code: code.to_owned(), name: name.to_owned(), region },
                aliases: aliases.split(';').map(str::trim).filter(|a| !a.is_empty()).collect(),
            }
        })
        .collect()
}

/// Punctuation a lookup ignores: dots, commas, brackets, quotes and apostrophes, straight or
/// typographic.
const DROPPED: &[char] = &['.', ',', '(', ')', '[', ']', '"', '\'', '`', '´', '‘', '’', 'ʼ', '“', '”'];

/// The lookup form of a name: lower case, accents folded, punctuation dropped, hyphens and runs
/// of spaces made one space, "&" made "and", and a leading "the " dropped.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            c if DROPPED.contains(&c) => {}
            // Combining marks, left by decomposed (NFD) input such as "Co\u{302}te".
            '\u{300}'..='\u{36f}' => {}
            '-' | '‐' | '‑' | '–' | '—' | '_' | '/' => out.push(' '),
            '&' => out.push_str(" and "),
            c if c.is_whitespace() => out.push(' '),
            c => match fold(c) {
                Some(plain) => out.push_str(plain),
                None => out.push(c),
            },
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => collapsed,
    }
}

/// The plain Latin letters of an accented lower-case letter, for the letters of the names in
/// the table and of the languages they are typed in.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> Option<&'static str> {
        find_country(text).map(|c| c.code.as_str())
    }

    #[test]
    fn header_is_as_documented() {
        assert_eq!(COUNTRIES_CSV.lines().next(), Some("code,name,group,aliases"));
    }

    #[test]
    fn every_member_state_is_in_one_group_with_the_un_counts() {
        let count = |region: Region| countries().iter().filter(|c| c.region == Some(region)).count();
        assert_eq!(count(Region::African), 54);
        assert_eq!(count(Region::AsiaPacific), 54);
        assert_eq!(count(Region::EasternEuropean), 23);
        assert_eq!(count(Region::LatinAmericanCaribbean), 33);
        assert_eq!(count(Region::WesternEuropeanOther), 29);
        let members = countries().iter().filter(|c| c.region.is_some()).count();
        assert_eq!(members, 193);
        assert_eq!(Region::ALL.into_iter().map(count).sum::<usize>(), 193);
    }

    #[test]
    fn the_documented_cases_are_in_their_groups() {
        assert_eq!(region_of("KI"), Some(Region::AsiaPacific));
        assert_eq!(region_of("CY"), Some(Region::AsiaPacific));
        assert_eq!(region_of("TR"), Some(Region::WesternEuropeanOther));
        assert_eq!(region_of("IL"), Some(Region::WesternEuropeanOther));
        assert_eq!(region_of("AU"), Some(Region::WesternEuropeanOther));
        assert_eq!(region_of("NZ"), Some(Region::WesternEuropeanOther));
        assert_eq!(region_of("CA"), Some(Region::WesternEuropeanOther));
        assert_eq!(region_of("US"), Some(Region::WesternEuropeanOther));
        for code in ["VA", "PS", "XK", "TW", "HK", "MO", "PR", "GL"] {
            let country = find_country(code).unwrap_or_else(|| panic!("{code} is missing"));
            assert_eq!(country.region, None, "{code}");
        }
    }

    #[test]
    fn codes_are_two_upper_case_letters_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in countries() {
            assert!(
                c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()),
                "bad code {:?}",
                c.code
            );
            assert!(seen.insert(c.code.as_str()), "code {} twice", c.code);
            assert!(!c.name.is_empty() && c.name.trim() == c.name, "bad name {:?}", c.name);
        }
    }

    #[test]
    fn every_key_finds_its_own_row_and_no_key_is_shared() {
        let mut owner: HashMap<String, String> = HashMap::new();
        for row in parse_rows() {
            let code = &row.country.code;
            for key in row_keys(&row) {
                assert!(!key.is_empty(), "{code} has an empty key");
                if let Some(other) = owner.insert(key.clone(), code.clone()) {
                    assert_eq!(&other, code, "{key:?} names both {other} and {code}");
                }
            }
            let names = [code.as_str(), row.country.name.as_str()];
            for text in names.into_iter().chain(row.aliases.iter().copied()) {
                assert_eq!(code_of(text), Some(code.as_str()), "{text:?}");
            }
        }
    }

    #[test]
    fn countries_are_sorted_by_name() {
        let keys: Vec<String> = countries().iter().map(|c| normalize(&c.name)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(countries().first().map(|c| c.name.as_str()), Some("Afghanistan"));
        // Åland sorts with the A's, not after Z.
        let aland = countries().iter().position(|c| c.code == "AX");
        let albania = countries().iter().position(|c| c.code == "AL");
        assert!(aland < albania);
    }

    #[test]
    fn finds_countries_as_people_type_them() {
        for text in ["Brazil", "brazil", "BR", "br"] {
            assert_eq!(code_of(text), Some("BR"), "{text:?}");
        }
        assert_eq!(code_of(" The Netherlands "), Some("NL"));
        assert_eq!(code_of("Côte d\u{2019}Ivoire"), Some("CI"));
        assert_eq!(code_of("Cote d'Ivoire"), Some("CI"));
        assert_eq!(code_of("Co\u{302}te d'Ivoire"), Some("CI"));
        assert_eq!(code_of("Ivory Coast"), Some("CI"));
        assert_eq!(code_of("Türkiye"), Some("TR"));
        assert_eq!(code_of("Turkey"), Some("TR"));
        assert_eq!(code_of("U.S."), Some("US"));
        assert_eq!(code_of("UK"), Some("GB"));
        assert_eq!(code_of("Korea, Republic of"), Some("KR"));
        assert_eq!(code_of("Korea Republic of"), Some("KR"));
        assert_eq!(code_of("Trinidad & Tobago"), Some("TT"));
        assert_eq!(code_of("Guinea Bissau"), Some("GW"));
        assert_eq!(code_of("ÅLAND ISLANDS"), Some("AX"));
        assert_eq!(code_of("Taiwan, Province of China"), Some("TW"));
        assert_eq!(region_of("Kiribati"), Some(Region::AsiaPacific));
        let holy_see = find_country("Holy See").map(|c| c.code.as_str());
        assert_eq!(holy_see, Some("VA"));
        assert_eq!(region_of("Holy See"), None);
        assert_eq!(find_country("Atlantis"), None);
        assert_eq!(find_country(""), None);
        assert_eq!(find_country("   "), None);
        assert_eq!(find_country("the"), None);
    }

    #[test]
    fn region_keys_round_trip() {
        for region in Region::ALL {
            assert_eq!(Region::parse(region.as_str()), Some(region));
            assert!(!region.label().is_empty() && !region.short().is_empty());
        }
        assert_eq!(Region::parse("none"), None);
        assert_eq!(Region::parse("African"), None);
        assert!(Region::ALL.windows(2).all(|w| w[0] < w[1]));
    }
}
