//! Bad input: a specific one-line message, a non-zero exit, and nothing changed on disk.

use crate::util::{TestDir, bytes, snapshot, sqlite3};

fn new_args<'a>(file: &'a str, title: &'a str, start: &'a str, end: &'a str, zone: &'a str) -> Vec<&'a str> {
    vec![
        "new",
        file,
        "--title",
        title,
        "--year",
        "2026",
        "--meeting-start",
        start,
        "--meeting-end",
        end,
        "--meeting-zone",
        zone,
    ]
}

/// Runs a `new` that must fail, and checks that it created nothing.
fn refused_new(dir: &TestDir, args: &[&str]) -> String {
    let before = snapshot(dir.root());
    let msg = dir.fails(args);
    assert_eq!(snapshot(dir.root()), before, "a refused command changed the folder");
    msg
}

bpftest!(meeting_end_before_start, |dir| {
    let msg = refused_new(dir, &new_args("a.bpfdesk", "BPF", "2026-11-13", "2026-11-09", "Europe/Berlin"));
    assert_eq!(msg, "bpf-desk: the annual meeting ends (2026-11-09) before it starts (2026-11-13)");
});

bpftest!(unknown_zone, |dir| {
    let msg = refused_new(dir, &new_args("a.bpfdesk", "BPF", "2026-11-09", "2026-11-13", "Europe/Atlantis"));
    assert!(
        msg.starts_with("bpf-desk: unknown time zone \"Europe/Atlantis\": use an IANA zone name"),
        "{msg}"
    );
});

bpftest!(impossible_date, |dir| {
    let msg = refused_new(dir, &new_args("a.bpfdesk", "BPF", "2026-02-30", "2026-11-13", "UTC"));
    assert_eq!(msg, "bpf-desk: \"2026-02-30\" is not a date: February 2026 has 28 days");
    let msg = refused_new(dir, &new_args("a.bpfdesk", "BPF", "09/11/2026", "2026-11-13", "UTC"));
    assert!(msg.contains("write it as YYYY-MM-DD"), "{msg}");
});

bpftest!(empty_title, |dir| {
    let msg = refused_new(dir, &new_args("a.bpfdesk", "   ", "2026-11-09", "2026-11-13", "UTC"));
    assert_eq!(msg, "bpf-desk: the title is empty: give the BPF a title");
});

bpftest!(meeting_outside_the_year, |dir| {
    let msg = refused_new(dir, &new_args("a.bpfdesk", "BPF", "2029-11-09", "2029-11-13", "UTC"));
    assert!(msg.contains("is not in the BPF year 2026"), "{msg}");
});

bpftest!(an_existing_file_is_not_replaced_without_force, |dir| {
    dir.ok(&["demo", "a.bpfdesk"]);
    let before = bytes(&dir.path("a.bpfdesk"));
    let msg = dir.fails(&new_args("a.bpfdesk", "BPF", "2026-11-09", "2026-11-13", "UTC"));
    assert!(msg.ends_with("a.bpfdesk: a file of that name already exists"), "{msg}");
    assert_eq!(bytes(&dir.path("a.bpfdesk")), before);
});

bpftest!(a_file_that_is_not_a_project, |dir| {
    std::fs::write(dir.path("notes.bpfdesk"), "Agenda of the first call\n").unwrap();
    std::fs::write(dir.path("empty.bpfdesk"), "").unwrap();
    sqlite3(&dir.path("other.db"), "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    let before = snapshot(dir.root());
    let msg = dir.fails(&["plan", "notes.bpfdesk"]);
    assert!(
        msg.ends_with("notes.bpfdesk: not a BPF Desk project file (it is not an SQLite database)"),
        "{msg}"
    );
    let msg = dir.fails(&["plan", "empty.bpfdesk"]);
    assert!(msg.ends_with("empty.bpfdesk: not a BPF Desk project file (the file is empty)"), "{msg}");
    let msg = dir.fails(&["plan", "other.db"]);
    assert!(
        msg.ends_with(
            "other.db: not a BPF Desk project file (it is an SQLite database, but not one made by BPF Desk)"
        ),
        "{msg}"
    );
    let msg = dir.fails(&["add-milestone", "other.db", "--title", "x", "--date", "2026-01-01"]);
    assert!(msg.contains("not a BPF Desk project file"), "{msg}");
    let msg = dir.fails(&["plan", "missing.bpfdesk"]);
    assert!(msg.ends_with("missing.bpfdesk: no such file"), "{msg}");
    assert_eq!(snapshot(dir.root()), before, "opening must not touch a foreign file");
});

bpftest!(a_file_from_a_newer_version, |dir| {
    dir.new_2026("a.bpfdesk");
    let supported = crate::util::schema_version();
    sqlite3(&dir.path("a.bpfdesk"), &format!("PRAGMA user_version = {};", supported + 1));
    let before = snapshot(dir.root());
    let msg = dir.fails(&["plan", "a.bpfdesk"]);
    assert!(
        msg.ends_with(&format!(
            "a.bpfdesk: written by a newer version of BPF Desk (file format {}, this version reads up to {supported}); update BPF Desk to open it",
            supported + 1
        )),
        "{msg}"
    );
    let msg = dir.fails(&["add-milestone", "a.bpfdesk", "--title", "x", "--date", "2026-01-01"]);
    assert!(msg.contains("newer version"), "{msg}");
    assert_eq!(snapshot(dir.root()), before);
});

bpftest!(a_damaged_file, |dir| {
    dir.new_2026("a.bpfdesk");
    let path = dir.path("a.bpfdesk");
    let mut b = bytes(&path);
    // Keep the header, overwrite the schema page and beyond with noise.
    for (i, x) in b.iter_mut().enumerate().skip(100) {
        *x = (i * 7919 % 251) as u8;
    }
    std::fs::write(&path, &b).unwrap();
    let msg = dir.fails(&["plan", "a.bpfdesk"]);
    assert!(msg.contains("a.bpfdesk: the project file is damaged"), "{msg}");
    assert_eq!(bytes(&path), b, "a damaged file is left as it is");
    // Truncated below the header.
    std::fs::write(&path, &b[..40]).unwrap();
    let msg = dir.fails(&["plan", "a.bpfdesk"]);
    assert!(msg.contains("damaged (the file is truncated)"), "{msg}");
});

bpftest!(a_refused_edit_leaves_the_file_unchanged, |dir| {
    dir.new_2026("a.bpfdesk");
    let before = dir.plan("a.bpfdesk", "2026-01-15");
    let msg = dir.fails(&[
        "add-milestone",
        "a.bpfdesk",
        "--title",
        "Call",
        "--date",
        "2026-05-01",
        "--end",
        "2026-04-01",
    ]);
    assert_eq!(msg, "bpf-desk: \"Call\" ends (2026-04-01) before it starts (2026-05-01)");
    let msg = dir.fails(&[
        "set-meeting",
        "a.bpfdesk",
        "--meeting-start",
        "2026-11-09",
        "--meeting-end",
        "2026-11-31",
        "--meeting-zone",
        "UTC",
    ]);
    assert_eq!(msg, "bpf-desk: \"2026-11-31\" is not a date: November 2026 has 30 days");
    assert_eq!(dir.plan("a.bpfdesk", "2026-01-15"), before);
});

/// Runs a command as the unprivileged `nobody` when the tests run as root (root writes anywhere).
fn as_unprivileged(dir: &TestDir, args: &[&str]) -> crate::util::Run {
    let root =
        std::process::Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", crate::util::bin()]);
        c
    } else {
        std::process::Command::new(crate::util::bin())
    };
    cmd.args(args).current_dir(dir.root()).output().expect("run").into()
}

bpftest!(a_read_only_folder, |dir| {
    use std::os::unix::fs::PermissionsExt;
    let ro = dir.path("readonly");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(dir.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let target = ro.join("a.bpfdesk");
    let target = target.to_str().unwrap();
    let r = as_unprivileged(dir, &new_args(target, "BPF", "2026-11-09", "2026-11-13", "UTC"));
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .trim()
            .ends_with("readonly/a.bpfdesk: permission denied (the folder or file is read-only for you)"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0, "nothing was left in the folder");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
});

bpftest!(a_read_only_project_file, |dir| {
    use std::os::unix::fs::PermissionsExt;
    dir.new_2026("a.bpfdesk");
    std::fs::set_permissions(dir.root(), std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(dir.path("a.bpfdesk"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes(&dir.path("a.bpfdesk"));
    let r = as_unprivileged(dir, &["add-milestone", "a.bpfdesk", "--title", "x", "--date", "2026-03-01"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.trim().ends_with("a.bpfdesk: the project file is read-only, so the change was not saved"),
        "{}",
        r.stderr
    );
    // Reading a read-only project still works.
    let r = as_unprivileged(dir, &["plan", "a.bpfdesk", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(bytes(&dir.path("a.bpfdesk")), before);
});
