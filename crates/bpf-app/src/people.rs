//! Use cases of the register of people: add, edit, delete, import from CSV, suggestions from
//! meetings and the mailing list, merge and undo, and the multistakeholder balance.

use std::collections::{BTreeMap, HashMap};

use bpf_domain::balance::{self, Balance, BalanceInputs, BalanceThresholds, Participation};
use bpf_domain::people::{
    CheckedPerson, Person, PersonInput, PersonMerge, PersonRole, StakeholderGroup, check_person,
    country_code, name_key, normalise_email,
};
use bpf_domain::{InvalidInput, regions};
use bpf_store::Tx;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Project, Result};

/// The largest people file read: a register of tens of thousands of rows is far below.
pub const MAX_PEOPLE_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The register as the People view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeopleView {
    pub people: Vec<Person>,
    /// Merges, newest first, for undo.
    pub merges: Vec<PersonMerge>,
    /// Entries that look like one person (same name, in any order, case or accents), to merge.
    pub duplicates: Vec<DuplicatePair>,
}

/// Two entries of the register that look like one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuplicatePair {
    /// The entry to keep: the one with more filled fields (the older on a tie).
    #[ts(type = "number")]
    pub keep: i64,
    #[ts(type = "number")]
    pub other: i64,
    pub name: String,
}

fn filled_fields(p: &Person) -> usize {
    [!p.organisation.is_empty(), !p.country.is_empty(), p.group.is_some(), !p.notes.is_empty()]
        .iter()
        .filter(|f| **f)
        .count()
        + p.emails.len()
}

/// Pairs of entries with the same name key.
fn duplicates(people: &[Person]) -> Vec<DuplicatePair> {
    let mut by_key: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    for p in people {
        by_key.entry(name_key(&p.name)).or_default().push(p);
    }
    let mut out = Vec::new();
    for group in by_key.into_values().filter(|g| g.len() > 1) {
        let keep = group.iter().max_by_key(|p| (filled_fields(p), std::cmp::Reverse(p.id))).copied();
        if let Some(keep) = keep {
            for other in group.iter().filter(|p| p.id != keep.id) {
                out.push(DuplicatePair { keep: keep.id, other: other.id, name: keep.name.clone() });
            }
        }
    }
    out
}

/// Someone seen in a meeting or on the list, or in the coordinating team, who is not in the
/// register yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonSuggestion {
    pub name: String,
    /// Lower case, or empty when the attendance report had none.
    pub email: String,
    pub organisation: String,
    pub role: PersonRole,
    /// Meetings attended.
    pub meetings: u32,
    /// Messages posted to the list.
    pub messages: u32,
}

/// What an import of a people file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeopleImport {
    pub rows: u32,
    pub added: u32,
    /// People already in the register (same address, or same name where the row has no address)
    /// whose empty fields or new addresses the file filled.
    pub updated: u32,
    pub unchanged: u32,
    /// Rows skipped or values left out, each with its line.
    pub warnings: Vec<String>,
}

fn now_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Refuses an address that belongs to another entry of the register.
fn check_emails_free(tx: &Tx<'_>, emails: &[String], except: Option<i64>) -> Result<()> {
    for e in emails {
        if let Some(owner) = tx.person_by_email(e)?
            && Some(owner) != except
        {
            let who = tx.person(owner)?.name;
            return Err(InvalidInput::Refused(format!(
                "{e} already belongs to {who} in the register: edit that entry, or merge the two"
            ))
            .into());
        }
    }
    Ok(())
}

/// The register indexed for matching: by address and by name key, kept up to date while an
/// import adds and fills entries, so that matching a row costs a lookup, not a scan.
struct Index {
    people: Vec<Person>,
    /// Where each entry stands in `people`.
    at: HashMap<i64, usize>,
    by_email: HashMap<String, i64>,
    by_name: HashMap<String, i64>,
}

impl Index {
    fn new(people: Vec<Person>) -> Index {
        let mut index = Index {
            people: Vec::new(),
            at: HashMap::new(),
            by_email: HashMap::new(),
            by_name: HashMap::new(),
        };
        for p in people {
            index.put(p);
        }
        index
    }

    /// Adds or replaces an entry.
    fn put(&mut self, p: Person) {
        for e in &p.emails {
            self.by_email.insert(e.clone(), p.id);
        }
        let key = name_key(&p.name);
        if !key.is_empty() {
            self.by_name.entry(key).or_insert(p.id);
        }
        match self.at.get(&p.id) {
            Some(&i) => self.people[i] = p,
            None => {
                self.at.insert(p.id, self.people.len());
                self.people.push(p);
            }
        }
    }

    fn get(&self, id: i64) -> Option<&Person> {
        self.at.get(&id).map(|&i| &self.people[i])
    }

    /// The entry a name and address belong to: by address first, then by name.
    fn find(&self, name: &str, email: &str) -> Option<i64> {
        if !email.is_empty()
            && let Some(id) = self.by_email.get(&email.to_lowercase())
        {
            return Some(*id);
        }
        self.by_name.get(&name_key(name)).copied()
    }
}

/// An entry as shown, from what was stored.
fn shown(id: i64, p: &CheckedPerson, merged: Vec<i64>) -> Person {
    let (country_name, region) = bpf_domain::contributions::country_parts(&p.country);
    Person {
        id,
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        country: p.country.clone(),
        country_name,
        region,
        group: p.group,
        role: p.role,
        emails: p.emails.clone(),
        notes: p.notes.clone(),
        merged,
    }
}

/// Fills the empty fields of `p` from `other`; returns the names of the fields filled.
fn fill_blanks(p: &mut CheckedPerson, other: &CheckedPerson) -> Vec<&'static str> {
    let mut filled = Vec::new();
    if p.organisation.is_empty() && !other.organisation.is_empty() {
        p.organisation.clone_from(&other.organisation);
        filled.push("organisation");
    }
    if p.country.is_empty() && !other.country.is_empty() {
        p.country.clone_from(&other.country);
        filled.push("country");
    }
    if p.group.is_none() && other.group.is_some() {
        p.group = other.group;
        filled.push("stakeholder_group");
    }
    if p.notes.is_empty() && !other.notes.is_empty() {
        p.notes.clone_from(&other.notes);
        filled.push("notes");
    }
    filled
}

/// An entry as shown, back as the fields a write takes (its addresses those of the entries merged
/// into it too).
pub(crate) fn checked(p: &Person) -> CheckedPerson {
    CheckedPerson {
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        country: p.country.clone(),
        group: p.group,
        role: p.role,
        emails: p.emails.clone(),
        notes: p.notes.clone(),
    }
}

impl Project {
    pub fn people(&mut self) -> Result<PeopleView> {
        self.store.read(|tx| -> Result<PeopleView> {
            let people = tx.people()?;
            Ok(PeopleView { duplicates: duplicates(&people), people, merges: tx.merges()? })
        })
    }

    pub fn add_person(&mut self, input: &PersonInput) -> Result<Person> {
        let p = check_person(input)?;
        self.store.write(|tx| {
            check_emails_free(tx, &p.emails, None)?;
            let id = tx.insert_person(&p)?;
            Ok(tx.person(id)?)
        })
    }

    /// Adds several people in one go (the suggestions a user ticked); all or none.
    pub fn add_people(&mut self, inputs: &[PersonInput]) -> Result<u32> {
        let people = inputs.iter().map(check_person).collect::<Result<Vec<_>, _>>()?;
        self.store.write(|tx| {
            for p in &people {
                check_emails_free(tx, &p.emails, None)?;
                tx.insert_person(p)?;
            }
            Ok(people.len() as u32)
        })
    }

    pub fn update_person(&mut self, id: i64, input: &PersonInput) -> Result<Person> {
        let p = check_person(input)?;
        self.store.write(|tx| {
            check_emails_free(tx, &p.emails, Some(id))?;
            tx.update_person(id, &p)?;
            Ok(tx.person(id)?)
        })
    }

    /// Merges `other` into `keep`: one entry with the addresses of both; the kept entry's empty
    /// fields take the other's values. Undone with [`Project::undo_merge`].
    pub fn merge_people(&mut self, keep: i64, other: i64, now: DateTime<Utc>) -> Result<Person> {
        self.store.write(|tx| {
            let (keep_root, other_root) = (tx.person_root(keep)?, tx.person_root(other)?);
            if keep_root == other_root {
                return Err(
                    InvalidInput::Refused("these are already one entry of the register".into()).into()
                );
            }
            let kept = tx.person(keep_root)?;
            let merged = tx.person(other_root)?;
            let mut fields = checked(&kept);
            let filled = fill_blanks(&mut fields, &checked(&merged));
            // The kept entry's own addresses stay; the merged one's stay on it and show here.
            fields.emails = kept.emails.clone();
            tx.update_person(keep_root, &fields)?;
            tx.record_merge(keep_root, other_root, &filled, &now_text(now))?;
            Ok(tx.person(keep_root)?)
        })
    }

    pub fn undo_merge(&mut self, merge_id: i64, now: DateTime<Utc>) -> Result<()> {
        Ok(self.store.write(|tx| tx.undo_merge(merge_id, &now_text(now)))?)
    }

    /// People seen in meetings or on the list, and team members, not in the register; the most
    /// active first.
    pub fn person_suggestions(&mut self) -> Result<Vec<PersonSuggestion>> {
        self.store.read(|tx| {
            let index = Index::new(tx.people()?);
            let mut out: BTreeMap<String, PersonSuggestion> = BTreeMap::new();
            let mut meetings_of: HashMap<String, std::collections::HashSet<i64>> = HashMap::new();
            for t in tx.team()? {
                if index.find(&t.name, &t.email).is_none() {
                    let email = normalise_email(&t.email).unwrap_or_default();
                    let key = if email.is_empty() { name_key(&t.name) } else { email.clone() };
                    out.insert(
                        key,
                        PersonSuggestion {
                            name: t.name.clone(),
                            email,
                            organisation: t.organisation.clone(),
                            role: PersonRole::CoordinatingTeam,
                            meetings: 0,
                            messages: 0,
                        },
                    );
                }
            }
            for a in tx.attendance_rows()? {
                if index.find(&a.name, &a.email).is_some() {
                    continue;
                }
                let email = normalise_email(&a.email).unwrap_or_default();
                let key = if email.is_empty() { name_key(&a.name) } else { email.clone() };
                meetings_of.entry(key.clone()).or_default().insert(a.meeting_id);
                out.entry(key).or_insert_with(|| PersonSuggestion {
                    name: a.name.clone(),
                    email,
                    organisation: String::new(),
                    role: PersonRole::Participant,
                    meetings: 0,
                    messages: 0,
                });
            }
            for (key, ids) in meetings_of {
                if let Some(s) = out.get_mut(&key) {
                    s.meetings = ids.len() as u32;
                }
            }
            for p in tx.poster_rows()? {
                if index.by_email.contains_key(&p.address) {
                    continue;
                }
                let Ok(email) = normalise_email(&p.address) else { continue };
                let s = out.entry(email.clone()).or_insert_with(|| PersonSuggestion {
                    name: if p.name.trim().is_empty() { email.clone() } else { p.name.trim().to_string() },
                    email,
                    organisation: String::new(),
                    role: PersonRole::Participant,
                    meetings: 0,
                    messages: 0,
                });
                s.messages += p.messages;
            }
            let mut list: Vec<PersonSuggestion> = out.into_values().collect();
            list.sort_by(|a, b| {
                (b.role == PersonRole::CoordinatingTeam)
                    .cmp(&(a.role == PersonRole::CoordinatingTeam))
                    .then((b.meetings + b.messages).cmp(&(a.meetings + a.messages)))
                    .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            });
            Ok(list)
        })
    }

    /// Imports people from a CSV file: new people are added; a row whose address (or, without
    /// one, whose name) is already in the register fills that entry's empty fields and adds its
    /// new addresses. Values that cannot be used are left out with a warning; nothing is written
    /// when the file is refused.
    pub fn import_people(&mut self, bytes: &[u8]) -> Result<PeopleImport> {
        if bytes.len() > MAX_PEOPLE_FILE_BYTES {
            return Err(InvalidInput::Refused(format!(
                "the file is {} MB: a people file is at most {} MB",
                bytes.len() / (1024 * 1024),
                MAX_PEOPLE_FILE_BYTES / (1024 * 1024)
            ))
            .into());
        }
        let file = bpf_import::people::read_people(bytes)
            .map_err(|e| InvalidInput::Refused(format!("the people file cannot be imported: {e}")))?;
        let mut warnings = file.warnings;
        let mut rows = Vec::new();
        for r in &file.rows {
            let line = r.line;
            let mut emails = Vec::new();
            for e in &r.emails {
                match normalise_email(e) {
                    Ok(e) => emails.push(e),
                    Err(_) => {
                        warnings.push(format!("line {line}: \"{e}\" is not an e-mail address; left out"))
                    }
                }
            }
            let country = match country_code(&r.country) {
                Ok(c) => c,
                Err(_) => {
                    warnings.push(format!(
                        "line {line}: \"{}\" is not a country BPF Desk knows; left out",
                        r.country
                    ));
                    String::new()
                }
            };
            let group = StakeholderGroup::from_text(&r.group);
            if group.is_none() && !r.group.trim().is_empty() {
                warnings.push(format!(
                    "line {line}: \"{}\" is not a stakeholder group (government, private sector, civil society, technical community, academia, intergovernmental organisation); left out",
                    r.group
                ));
            }
            let role = PersonRole::from_text(&r.role);
            if role.is_none() && !r.role.trim().is_empty() {
                warnings.push(format!(
                    "line {line}: \"{}\" is not a role; the person is added as a participant",
                    r.role
                ));
            }
            let input = PersonInput {
                name: r.name.clone(),
                organisation: r.organisation.clone(),
                country: country.clone(),
                group,
                role,
                emails,
                notes: r.notes.clone(),
            };
            match check_person(&input) {
                Ok(p) => rows.push((line, p)),
                Err(e) => warnings.push(format!("line {line}: skipped, {e}")),
            }
        }
        let total = file.rows.len() as u32;
        self.store.write(|tx| {
            let (mut added, mut updated, mut unchanged) = (0, 0, 0);
            let mut index = Index::new(tx.people()?);
            for (line, row) in &rows {
                let existing = row
                    .emails
                    .iter()
                    .find_map(|e| index.by_email.get(e).copied())
                    .or_else(|| if row.emails.is_empty() { index.find(&row.name, "") } else { None });
                let Some(id) = existing else {
                    let id = tx.insert_person(row)?;
                    index.put(shown(id, row, Vec::new()));
                    added += 1;
                    continue;
                };
                let Some(current) = index.get(id).cloned() else { continue };
                let mut fields = checked(&current);
                let filled = fill_blanks(&mut fields, row);
                let mut new_emails = 0;
                for e in &row.emails {
                    match index.by_email.get(e) {
                        None => {
                            fields.emails.push(e.clone());
                            new_emails += 1;
                        }
                        Some(owner) if *owner != id => warnings.push(format!(
                            "line {line}: {e} belongs to {} in the register, not to {}; left as it is",
                            index.get(*owner).map_or("someone else", |p| p.name.as_str()),
                            current.name
                        )),
                        Some(_) => {}
                    }
                }
                if filled.is_empty() && new_emails == 0 {
                    unchanged += 1;
                } else {
                    tx.update_person(id, &fields)?;
                    index.put(shown(id, &fields, current.merged.clone()));
                    updated += 1;
                }
            }
            Ok(PeopleImport { rows: total, added, updated, unchanged, warnings })
        })
    }

    /// Stakeholder group × region of the register, the meeting attendance, the list posters, the
    /// contributions and the organisations invited.
    /// Attendees and posters are matched to the register by address (attendees without one by
    /// name); those not in it count as "not known".
    pub fn balance(&mut self) -> Result<Balance> {
        self.store.read(|tx| {
            let index = Index::new(tx.people()?);
            let who = |id: Option<i64>, fallback: String, month: Option<String>| match id
                .and_then(|i| index.get(i))
            {
                Some(p) => {
                    Participation { key: format!("p{}", p.id), group: p.group, region: p.region, month }
                }
                None => Participation { key: fallback, group: None, region: None, month },
            };
            let register: Vec<Participation> =
                index.people.iter().map(|p| who(Some(p.id), String::new(), None)).collect();
            let attendance: Vec<Participation> = tx
                .attendance_rows()?
                .into_iter()
                .map(|a| {
                    let fallback = if a.email.is_empty() {
                        format!("n:{}", name_key(&a.name))
                    } else {
                        format!("e:{}", a.email.to_lowercase())
                    };
                    who(index.find(&a.name, &a.email), fallback, Some(a.month))
                })
                .collect();
            let posters: Vec<Participation> = tx
                .poster_rows()?
                .into_iter()
                .map(|p| who(index.by_email.get(&p.address).copied(), format!("e:{}", p.address), p.month))
                .collect();
            let contributions: Vec<Participation> = tx
                .contributions()?
                .into_iter()
                .map(|c| Participation {
                    key: format!("c{}", c.id),
                    group: c.group,
                    region: c.region,
                    month: Some(c.received_on.format("%Y-%m").to_string()),
                })
                .collect();
            let outreach: Vec<Participation> = tx
                .invitations()?
                .into_iter()
                .map(|i| Participation {
                    key: format!("i{}", i.id),
                    group: i.group,
                    region: i.region,
                    month: None,
                })
                .collect();
            let inputs = BalanceInputs { register, attendance, posters, contributions, outreach };
            Ok(balance::balance(&inputs, tx.balance_thresholds()?))
        })
    }

    pub fn set_balance_thresholds(&mut self, t: &BalanceThresholds) -> Result<Balance> {
        balance::check_thresholds(t)?;
        self.store.write(|tx| tx.set_balance_thresholds(t))?;
        self.balance()
    }
}

/// The countries the app knows, by name, for the country picker.
pub fn countries() -> Vec<regions::Country> {
    regions::countries().to_vec()
}
