//! The store on real files in a temporary folder.

use std::path::Path;

use bpf_domain::{AnnualMeeting, MeetingFormat, MilestoneInput, MilestoneKind, MilestoneStatus, Profile};
use chrono::NaiveDate;

use crate::{Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn profile() -> Profile {
    Profile { title: "BPF Cybersecurity".into(), year: 2026, ..Default::default() }
}

fn milestone(title: &str) -> MilestoneInput {
    MilestoneInput {
        title: title.into(),
        kind: MilestoneKind::Custom,
        date: d(2026, 3, 1),
        end_date: None,
        owner: "Ana".into(),
        workstream_id: None,
        status: MilestoneStatus::Planned,
        derived: None,
        notes: String::new(),
    }
}

fn new_store(path: &Path) -> Store {
    Store::create(path, false, |tx| -> Result<(), StoreError> {
        tx.set_profile(&profile())?;
        tx.set_annual_meeting(&AnnualMeeting {
            start: d(2026, 11, 9),
            end: d(2026, 11, 13),
            place: "Geneva".into(),
            format: MeetingFormat::Hybrid,
            zone: "Europe/Zurich".into(),
        })
    })
    .unwrap()
}

#[test]
fn what_is_written_is_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.bpfdesk");
    let mut s = new_store(&path);
    let id = s.write(|tx| tx.insert_milestone(&milestone("Kick-off"))).unwrap();
    drop(s);
    let mut s = Store::open(&path).unwrap();
    let year = s.read(|tx| tx.year()).unwrap();
    assert_eq!(year.profile, profile());
    assert_eq!(year.meeting.unwrap().zone, "Europe/Zurich");
    assert_eq!(year.milestones.len(), 1);
    assert_eq!(year.milestones[0].id, id);
    assert_eq!(year.milestones[0].title, "Kick-off");
}

#[test]
fn a_failed_edit_rolls_back_everything_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.bpfdesk");
    let mut s = new_store(&path);
    let r = s.write(|tx| {
        tx.insert_milestone(&milestone("First half of the edit"))?;
        tx.set_profile(&Profile { title: "Renamed".into(), ..profile() })?;
        // The second half fails: there is no milestone 999.
        tx.update_milestone(999, &milestone("x"))
    });
    assert!(matches!(r, Err(StoreError::Missing { what: "milestone", id: 999 })), "{r:?}");
    let year = s.read(|tx| tx.year()).unwrap();
    assert!(year.milestones.is_empty());
    assert_eq!(year.profile.title, "BPF Cybersecurity");
    // A constraint in the schema refuses what the domain would also refuse.
    let r = s.write(|tx| {
        tx.insert_milestone(&MilestoneInput { end_date: Some(d(2026, 1, 1)), ..milestone("bad") })
    });
    assert!(r.is_err());
    drop(s);
    let mut s = Store::open(&path).unwrap();
    assert!(s.read(|tx| tx.milestones()).unwrap().is_empty());
}

#[test]
fn a_failed_creation_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.bpfdesk");
    let r = Store::create(&path, false, |tx| -> Result<(), StoreError> {
        tx.set_profile(&profile())?;
        Err(StoreError::BadValue("stop".into()))
    });
    assert!(r.is_err());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file, no temporary file");
}

#[test]
fn create_refuses_an_existing_file_unless_asked_to_replace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.bpfdesk");
    std::fs::write(&path, b"keep me").unwrap();
    let r = Store::create(&path, false, |_| -> Result<(), StoreError> { Ok(()) });
    assert!(matches!(r, Err(StoreError::AlreadyExists(_))));
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    let mut s = Store::create(&path, true, |tx| tx.set_profile(&profile())).unwrap();
    assert_eq!(s.read(|tx| tx.profile()).unwrap().title, "BPF Cybersecurity");
}

#[test]
fn opening_refuses_foreign_newer_and_damaged_files_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("text.bpfdesk");
    std::fs::write(&text, "hello").unwrap();
    assert!(matches!(Store::open(&text), Err(StoreError::NotBpfFile { .. })));
    assert_eq!(std::fs::read(&text).unwrap(), b"hello");

    // A newer schema: patch user_version in the header (offset 60).
    let newer = dir.path().join("newer.bpfdesk");
    drop(new_store(&newer));
    let mut bytes = std::fs::read(&newer).unwrap();
    let next = crate::SCHEMA_VERSION + 1;
    bytes[60..64].copy_from_slice(&(next as i32).to_be_bytes());
    std::fs::write(&newer, &bytes).unwrap();
    match Store::open(&newer) {
        Err(StoreError::NewerVersion { found, supported: crate::SCHEMA_VERSION, .. }) if found == next => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(&newer).unwrap(), bytes);
    assert!(!dir.path().join("newer.bpfdesk-wal").exists());

    // Another program's SQLite file: application_id at offset 68.
    let other = dir.path().join("other.bpfdesk");
    drop(new_store(&other));
    let mut bytes = std::fs::read(&other).unwrap();
    bytes[68..72].copy_from_slice(&0x1234_5678i32.to_be_bytes());
    std::fs::write(&other, &bytes).unwrap();
    match Store::open(&other) {
        Err(StoreError::NotBpfFile { why, .. }) => {
            assert!(why.contains("another program"), "{why}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn save_copy_is_a_consistent_project_and_refuses_its_own_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.bpfdesk");
    let mut s = new_store(&path);
    s.write(|tx| tx.insert_milestone(&milestone("Kick-off"))).unwrap();
    let copy = dir.path().join("copy.bpfdesk");
    s.save_copy(&copy).unwrap();
    assert!(matches!(s.save_copy(&path), Err(StoreError::AlreadyExists(_))));
    let mut c = Store::open(&copy).unwrap();
    assert_eq!(c.read(|tx| tx.milestones()).unwrap().len(), 1);
    let uid_a = s.read(|tx| tx.project_uid()).unwrap();
    let uid_c = c.read(|tx| tx.project_uid()).unwrap();
    assert_eq!(uid_a.len(), 32);
    assert_eq!(uid_a, uid_c, "a copy is the same project");
}

#[test]
fn a_file_of_the_first_version_is_upgraded_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.bpfdesk");
    {
        // A project as version 1 of BPF Desk wrote it: only the first migration.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", crate::APPLICATION_ID).unwrap();
        conn.execute_batch(crate::file::MIGRATIONS_SQL[0]).unwrap();
        conn.execute("INSERT INTO profile (id, title, year) VALUES (1, 'Old BPF', 2025)", []).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.read(|tx| tx.profile()).unwrap().title, "Old BPF");
    assert!(s.read(|tx| tx.meetings()).unwrap().is_empty(), "the meeting tables exist after the upgrade");
    drop(s);
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, crate::SCHEMA_VERSION);
}

#[test]
fn a_merge_points_one_entry_to_the_other_and_undoing_it_restores_both() {
    use bpf_domain::people::{CheckedPerson, PersonRole, StakeholderGroup};
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir.path().join("p.bpfdesk"));
    let person = |name: &str, email: &str, organisation: &str| CheckedPerson {
        name: name.into(),
        organisation: organisation.into(),
        country: String::new(),
        group: None,
        role: PersonRole::Participant,
        emails: vec![email.into()],
        notes: String::new(),
    };
    let (kept, merged) = store
        .write(|tx| -> Result<_, StoreError> {
            let a = tx.insert_person(&CheckedPerson {
                group: Some(StakeholderGroup::Academia),
                ..person("Ana", "ana@a.org", "")
            })?;
            let b = tx.insert_person(&person("Ana S.", "ana@b.org", "NIC.br"))?;
            // The merge as the app does it: the kept entry takes the empty organisation.
            let mut fields = CheckedPerson {
                group: Some(StakeholderGroup::Academia),
                ..person("Ana", "ana@a.org", "NIC.br")
            };
            fields.emails = vec!["ana@a.org".into()];
            tx.update_person(a, &fields)?;
            tx.record_merge(a, b, &["organisation"], "2026-11-24T10:00:00Z")?;
            Ok((a, b))
        })
        .unwrap();
    let (people, root, by_mail) = store
        .read(|tx| -> Result<_, StoreError> {
            Ok((tx.people()?, tx.person_root(merged)?, tx.person_by_email("ANA@b.org")?))
        })
        .unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].emails, ["ana@a.org", "ana@b.org"]);
    assert_eq!(people[0].merged, [merged]);
    assert_eq!((root, by_mail), (kept, Some(kept)));

    let merge_id = store.read(|tx| tx.merges()).unwrap()[0].id;
    store.write(|tx| tx.undo_merge(merge_id, "2026-11-24T11:00:00Z")).unwrap();
    let people = store.read(|tx| tx.people()).unwrap();
    assert_eq!(people.len(), 2);
    let a = people.iter().find(|p| p.id == kept).unwrap();
    assert_eq!((a.organisation.as_str(), a.emails.as_slice()), ("", ["ana@a.org".to_string()].as_slice()));
    assert_eq!(a.group, Some(StakeholderGroup::Academia), "what the kept entry had stays");
    let err = store.write(|tx| tx.undo_merge(merge_id, "2026-11-24T12:00:00Z")).unwrap_err();
    assert!(matches!(err, StoreError::Missing { what: "merge to undo", .. }), "{err}");
}
