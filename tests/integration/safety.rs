//! Work is never lost, and a file cannot be turned against its user: crafted project files are
//! refused before anything in them runs, a file open elsewhere is refused for writing, a full
//! disk and a read-only medium leave the project as it was, and a process killed in the middle
//! of an import, an edit or an export leaves a file that passes SQLite's integrity check and holds
//! all or none of the interrupted work.

use crate::util::{TestDir, bytes, snapshot, sqlite3, sqlite3_out};

/// A demo project, then `sql` run on it behind BPF Desk's back; every command must now refuse it
/// with `why`, change nothing, and never fire what was planted.
fn planted(dir: &TestDir, sql: &str, why: &str) {
    dir.ok(&["demo", "a.bpfdesk"]);
    sqlite3(&dir.path("a.bpfdesk"), sql);
    let before = snapshot(dir.root());
    for args in [
        vec!["plan", "a.bpfdesk"],
        vec!["add-milestone", "a.bpfdesk", "--title", "x", "--date", "2020-06-01"],
        vec!["scorecard", "a.bpfdesk"],
        vec!["compare", "a.bpfdesk", "a.bpfdesk"],
    ] {
        let msg = dir.fails(&args);
        assert!(msg.ends_with(&format!("a.bpfdesk: not a BPF Desk project file ({why})")), "{args:?}: {msg}");
    }
    let after = snapshot(dir.root());
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&after), names(&before), "a refused file gets no companions");
    assert!(after == before, "a refused file is left as it is");
}

bpftest!(a_planted_trigger_is_refused_before_it_can_fire, |dir| {
    planted(
        dir,
        "CREATE TABLE loot(x); CREATE TRIGGER steal AFTER INSERT ON milestone BEGIN INSERT INTO loot VALUES (1); END;",
        "it holds a table “loot” that BPF Desk never makes",
    );
    assert_eq!(sqlite3_out(&dir.path("a.bpfdesk"), "SELECT count(*) FROM loot;").trim(), "0");
    sqlite3(&dir.path("a.bpfdesk"), "DROP TABLE loot;");
    let msg = dir.fails(&["plan", "a.bpfdesk"]);
    assert!(msg.ends_with("(it holds a trigger “steal” that BPF Desk never makes)"), "{msg}");
});

bpftest!(a_planted_view_is_refused, |dir| {
    planted(
        dir,
        "CREATE VIEW people_emails AS SELECT 1;",
        "it holds a view “people_emails” that BPF Desk never makes",
    );
});

bpftest!(a_changed_table_is_refused, |dir| {
    planted(
        dir,
        "ALTER TABLE milestone ADD COLUMN extra TEXT DEFAULT 'x';",
        "its table “milestone” was changed from what BPF Desk made",
    );
});

bpftest!(a_header_claiming_a_huge_database_is_refused, |dir| {
    dir.ok(&["demo", "a.bpfdesk"]);
    dir.ok(&["save-copy", "a.bpfdesk", "--out", "b.bpfdesk"]);
    let path = dir.path("b.bpfdesk");
    let mut b = bytes(&path);
    // 4,294,967,295 pages, with the "valid-for" counter matching the change counter.
    b[28..32].copy_from_slice(&u32::MAX.to_be_bytes());
    let counter: [u8; 4] = b[24..28].try_into().unwrap();
    b[92..96].copy_from_slice(&counter);
    std::fs::write(&path, &b).unwrap();
    let msg = dir.fails(&["plan", "b.bpfdesk"]);
    assert!(
        msg.contains("b.bpfdesk: the project file is damaged (the header claims 4294967295 pages of"),
        "{msg}"
    );
    assert_eq!(bytes(&path), b);
    // A page size SQLite never writes.
    let mut c = bytes(&dir.path("a.bpfdesk"));
    c[16..18].copy_from_slice(&1000u16.to_be_bytes());
    std::fs::write(&path, &c).unwrap();
    let msg = dir.fails(&["plan", "b.bpfdesk"]);
    assert!(msg.contains("damaged (the header names a page size of 1000 bytes)"), "{msg}");
});

bpftest!(a_project_open_elsewhere_is_refused_for_writing_and_still_read, |dir| {
    dir.ok(&["demo", "a.bpfdesk"]);
    let path = dir.path("a.bpfdesk");
    // Another program holding the project: `flock`, the lock BPF Desk takes itself.
    let mut holder = std::process::Command::new("flock")
        .args(["--exclusive", "--no-fork", path.to_str().unwrap(), "sleep", "30"])
        .spawn()
        .expect("flock");
    let mut waited = 0;
    while dir.run(&["add-milestone", "a.bpfdesk", "--title", "x", "--date", "2020-06-01"]).code == 0 {
        // The lock may not be taken yet: undo and try again.
        assert!(waited < 50, "the holder never took the lock");
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
        sqlite3(&path, "DELETE FROM milestone WHERE title = 'x';");
    }
    let before = bytes(&path);
    let msg = dir.fails(&["add-milestone", "a.bpfdesk", "--title", "x", "--date", "2020-06-01"]);
    assert!(
        msg.ends_with(
            "a.bpfdesk: the project is open in another BPF Desk window or program; close it there, or open a copy"
        ),
        "{msg}"
    );
    assert_eq!(bytes(&path), before);
    // Reading goes on: the scorecard, the home screen, the comparison.
    dir.ok(&["scorecard", "a.bpfdesk", "--today", "2021-01-15"]);
    dir.ok(&["home", "a.bpfdesk"]);
    dir.ok(&["compare", "a.bpfdesk", "a.bpfdesk"]);
    holder.kill().unwrap();
    holder.wait().unwrap();
    dir.ok(&["add-milestone", "a.bpfdesk", "--title", "x", "--date", "2020-06-01"]);
});

/// Runs `script` (POSIX sh) in a mount namespace of its own, where it may mount a small tmpfs:
/// a real full disk and a real read-only medium without touching the machine's.
fn in_mount_namespace(dir: &TestDir, script: &str) -> String {
    let attempts: [&[&str]; 2] = [&["-Urm"], &["-m"]];
    for flags in attempts {
        let out = std::process::Command::new("unshare")
            .args(flags)
            .args(["sh", "-c", script])
            .current_dir(dir.root())
            .env("B", crate::util::bin())
            .output()
            .expect("unshare");
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(90) {
            return text;
        }
    }
    panic!("no mount namespace here (unshare -Urm and unshare -m both failed): this test needs one");
}

bpftest!(a_full_disk_and_a_read_only_medium_leave_the_project_as_it_was, |dir| {
    let mut csv = String::from("Name,E-mail,Organisation,Country,Stakeholder group\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Person {i},p{i}@example.org,Org {},Kenya,Civil society\n", i % 300));
    }
    std::fs::write(dir.path("people.csv"), csv).unwrap();
    std::fs::create_dir(dir.path("small")).unwrap();
    let out = in_mount_namespace(
        dir,
        r#"set -u
mount -t tmpfs -o size=1536k tmpfs small 2>/dev/null || exit 90
cd small
"$B" demo a.bpfdesk >/dev/null || exit 91
echo "before $(sha256sum < a.bpfdesk)"
cat /dev/zero > fill 2>/dev/null
"$B" people import a.bpfdesk ../people.csv; echo "import=$?"
"$B" report export a.bpfdesk --version draft --format pdf --out r.pdf; echo "export=$?"
"$B" save-copy a.bpfdesk --out copy.bpfdesk; echo "copy=$?"
echo "files $(ls -A | tr '\n' ' ')"
rm fill
echo "after $(sha256sum < a.bpfdesk)"
"$B" people list a.bpfdesk --json | tr -d ' \n'; echo
mount -o remount,ro "$PWD" || exit 92
"$B" add-milestone a.bpfdesk --title x --date 2020-06-01; echo "read-only=$?"
"$B" plan a.bpfdesk --json > /dev/null; echo "plan=$?"
echo "end $(sha256sum < a.bpfdesk)"
"#,
    );
    let line = |prefix: &str| {
        out.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix:?} line in:\n{out}"))
    };
    let before = line("before ").trim_start_matches("before ");
    assert_eq!(line("after ").trim_start_matches("after "), before, "{out}");
    assert_eq!(line("end ").trim_start_matches("end "), before, "{out}");
    for step in ["import=1", "export=1", "copy=1", "read-only=1", "plan=0"] {
        assert!(out.lines().any(|l| l == step), "{step} in:\n{out}");
    }
    assert_eq!(out.matches("bpf-desk: a.bpfdesk: the disk is full").count(), 3, "{out}");
    assert!(
        out.contains("bpf-desk: a.bpfdesk: the project file is read-only, so the change was not saved"),
        "{out}"
    );
    // Nothing half-written is left: no report, no copy, no temporary file.
    assert_eq!(line("files "), "files a.bpfdesk a.bpfdesk-shm a.bpfdesk-wal fill ", "{out}");
    assert!(line("{").starts_with(r#"{"people":[],"#), "all or none of the import: none\n{out}");
});

/// One kind of interrupted work: the command, and what "all" of it is.
struct Job {
    name: &'static str,
    args: Vec<String>,
}

/// How much of a job's work the project (or the output) holds: `Some(true)` all, `Some(false)`
/// none, `None` something in between (the defect this test looks for).
fn held(dir: &TestDir, job: &str) -> Option<bool> {
    let count = |sql: &str| sqlite3_out(&dir.path("a.bpfdesk"), sql).trim().parse::<u64>().unwrap();
    match job {
        "mail import" => match count("SELECT count(*) FROM mail_message;") {
            0 => Some(false),
            5371 => Some(true),
            _ => None,
        },
        "people import" => match count("SELECT count(*) FROM person;") {
            0 => Some(false),
            2000 => Some(true),
            _ => None,
        },
        _ => {
            let pdf = dir.path("r.pdf");
            if !pdf.exists() {
                return Some(false);
            }
            let b = bytes(&pdf);
            let whole = b.starts_with(b"%PDF-")
                && String::from_utf8_lossy(&b[b.len().saturating_sub(8)..]).contains("%%EOF");
            let readable =
                std::process::Command::new("pdfinfo").arg(&pdf).output().is_ok_and(|o| o.status.success());
            (whole && readable).then_some(true)
        }
    }
}

bpftest!(killed_mid_import_edit_or_export_a_hundred_times_the_file_holds_all_or_none, |dir| {
    let corpus = crate::mail::corpus("pipermail-twisted-web");
    let mut csv = String::from("Name,E-mail,Organisation,Country,Stakeholder group\n");
    for i in 0..2000 {
        csv.push_str(&format!("Person {i},p{i}@example.org,Org {},Kenya,Civil society\n", i % 300));
    }
    std::fs::write(dir.path("people.csv"), csv).unwrap();
    dir.ok(&["demo", "base.bpfdesk"]);
    let s = |x: &str| x.to_string();
    let jobs = [
        Job {
            name: "mail import",
            args: vec![s("mail"), s("import"), s("a.bpfdesk"), corpus, s("--today"), s("2026-01-01")],
        },
        Job { name: "people import", args: vec![s("people"), s("import"), s("a.bpfdesk"), s("people.csv")] },
        Job {
            name: "export",
            args: vec![
                s("report"),
                s("export"),
                s("a.bpfdesk"),
                s("--format"),
                s("pdf"),
                s("--out"),
                s("r.pdf"),
            ],
        },
    ];
    let fresh = || {
        for f in ["a.bpfdesk", "a.bpfdesk-wal", "a.bpfdesk-shm", "r.pdf"] {
            let _ = std::fs::remove_file(dir.path(f));
        }
        std::fs::copy(dir.path("base.bpfdesk"), dir.path("a.bpfdesk")).unwrap();
    };
    // Each job once uncut: how long it takes, and that "all" is what it leaves.
    let mut took = Vec::new();
    for job in &jobs {
        fresh();
        let t = std::time::Instant::now();
        let args: Vec<&str> = job.args.iter().map(String::as_str).collect();
        dir.ok(&args);
        took.push(t.elapsed());
        assert_eq!(held(dir, job.name), Some(true), "{} uncut", job.name);
    }
    let (mut cut, mut tally) = (0, std::collections::BTreeMap::new());
    for i in 0..100u32 {
        let (job, full) = (&jobs[i as usize % 3], took[i as usize % 3]);
        fresh();
        // Kill points spread over the job's run (and a little past it), the same on every run.
        let at = full.mul_f64(f64::from(i * 37 % 100) / 90.0);
        let mut child = std::process::Command::new(crate::util::bin())
            .args(&job.args)
            .current_dir(dir.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        cut += usize::from(running);
        let check = sqlite3_out(&dir.path("a.bpfdesk"), "PRAGMA integrity_check;");
        assert_eq!(check.trim(), "ok", "run {i}: {} killed after {at:?}: integrity", job.name);
        let h = held(dir, job.name);
        assert!(h.is_some(), "run {i}: {} killed after {at:?} left part of its work", job.name);
        *tally.entry((job.name, h == Some(true))).or_insert(0) += 1;
        dir.ok(&["plan", "a.bpfdesk"]);
    }
    eprintln!("crash safety: 100 runs, {cut} killed while running; (job, all done) → runs: {tally:?}");
    assert!(cut >= 40, "only {cut} of 100 runs were killed while running: the test proves too little");
    for job in &jobs {
        assert!(tally.contains_key(&(job.name, false)), "{} was never cut before it committed", job.name);
    }
});

bpftest!(daily_backups_are_kept_seven_days_and_one_restored, |dir| {
    dir.ok(&["demo", "a.bpfdesk"]);
    let folder = dir.path("backups");
    let f = folder.to_str().unwrap();
    for day in 1..=9 {
        let d = format!("2026-11-{day:02}");
        if day == 5 {
            dir.ok(&["add-milestone", "a.bpfdesk", "--title", "Extra call", "--date", "2020-06-10"]);
        }
        dir.ok(&["backup", "now", "a.bpfdesk", "--folder", f, "--today", &d]);
    }
    let again = dir.ok(&["backup", "now", "a.bpfdesk", "--folder", f, "--today", "2026-11-09"]);
    assert!(again.stdout.starts_with("today's backup is already in"), "{}", again.stdout);
    let list = dir.json(&["backup", "list", "a.bpfdesk", "--folder", f, "--json"]);
    let days: Vec<&str> = list.as_array().unwrap().iter().map(|b| b["day"].as_str().unwrap()).collect();
    assert_eq!(
        days,
        ["2026-11-09", "2026-11-08", "2026-11-07", "2026-11-06", "2026-11-05", "2026-11-04", "2026-11-03"]
    );
    let titles = |dir: &TestDir| -> Vec<String> {
        let plan = dir.plan("a.bpfdesk", "2026-11-10");
        plan["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(titles(dir).contains(&"Extra call".to_string()));
    let fourth = list[5]["path"].as_str().unwrap();
    let r = dir.ok(&["backup", "restore", "a.bpfdesk", "--from", fourth, "--folder", f]);
    assert!(r.stdout.starts_with("restored a.bpfdesk from"), "{}", r.stdout);
    assert!(
        !titles(dir).contains(&"Extra call".to_string()),
        "the 4th's backup is from before the extra call"
    );
    let list = dir.json(&["backup", "list", "a.bpfdesk", "--folder", f, "--json"]);
    assert_eq!(list.as_array().unwrap().iter().filter(|b| b["before_restore"] == true).count(), 1);
    // A file that is not a backup of a project is refused, and nothing changes.
    std::fs::write(dir.path("junk.bpfdesk"), b"junk").unwrap();
    let before = bytes(&dir.path("a.bpfdesk"));
    let msg = dir.fails(&["backup", "restore", "a.bpfdesk", "--from", "junk.bpfdesk", "--folder", f]);
    assert!(msg.contains("junk.bpfdesk: not a BPF Desk project file"), "{msg}");
    assert_eq!(bytes(&dir.path("a.bpfdesk")), before);
});

/// The project's rows, table by table, as `sqlite3 .dump` prints them (the undo record left out).
fn contents(dir: &TestDir) -> String {
    sqlite3_out(&dir.path("a.bpfdesk"), ".dump")
        .lines()
        .filter(|l| l.starts_with("INSERT INTO") && !l.contains("undo_entry") && !l.contains("undo_cell"))
        .collect::<Vec<_>>()
        .join("\n")
}

bpftest!(a_deleted_meeting_person_or_milestone_is_put_back_exactly, |dir| {
    dir.ok(&["demo", "a.bpfdesk"]);
    dir.ok(&[
        "meeting",
        "add",
        "a.bpfdesk",
        "--title",
        "Open meeting 1",
        "--start",
        "2026-03-04T14:00",
        "--zone",
        "UTC",
    ]);
    std::fs::write(dir.path("zoom.csv"), crate::meetings::ZOOM_REPORT).unwrap();
    dir.ok(&["meeting", "attendance", "a.bpfdesk", "1", "zoom.csv"]);
    std::fs::write(
        dir.path("people.csv"),
        "Name,E-mail,Country,Stakeholder group\nAna Souza,ana@nic.br,Brazil,Technical community\n\
         Ana Souza,ana.souza@cgi.br,Brazil,\nKwame Mensah,kwame@mincom.gov.gh,Ghana,Government\n",
    )
    .unwrap();
    dir.ok(&["people", "import", "a.bpfdesk", "people.csv"]);
    let people = dir.json(&["people", "list", "a.bpfdesk", "--json"]);
    let id_of = |name: &str| {
        people["people"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (ana, kwame) = (id_of("Ana Souza").to_string(), id_of("Kwame Mensah").to_string());
    let attended =
        || sqlite3_out(&dir.path("a.bpfdesk"), "SELECT count(*) FROM attendee;").trim().to_string();
    assert_ne!(attended(), "0");
    let before = contents(dir);

    let r = dir.ok(&["meeting", "delete", "a.bpfdesk", "1"]);
    assert!(r.stdout.starts_with("deleted meeting “Open meeting 1” of 4 March 2026"), "{}", r.stdout);
    assert_eq!(attended(), "0", "the attendance went with the meeting");
    dir.ok(&["people", "delete", "a.bpfdesk", &ana]);
    dir.ok(&["delete-milestone", "a.bpfdesk", "1"]);
    let list = dir.json(&["undo", "a.bpfdesk", "--json"]);
    let labels: Vec<&str> = list.as_array().unwrap().iter().map(|u| u["label"].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        [
            "milestone “Kick-off call of the BPF”",
            "“Ana Souza” from the register",
            "meeting “Open meeting 1” of 4 March 2026"
        ]
    );
    assert_ne!(contents(dir), before);

    // Undone newest first, then any: the project is back row for row.
    assert_eq!(
        dir.ok(&["undo", "a.bpfdesk", "--last"]).stdout.trim(),
        "put back milestone “Kick-off call of the BPF”"
    );
    let meeting_undo = list[2]["id"].as_i64().unwrap().to_string();
    dir.ok(&["undo", "a.bpfdesk", &meeting_undo]);
    dir.ok(&["undo", "a.bpfdesk", "--last"]);
    let after = contents(dir);
    let missing: Vec<&str> = before.lines().filter(|l| !after.lines().any(|a| a == *l)).collect();
    let extra: Vec<&str> = after.lines().filter(|l| !before.lines().any(|b| b == *l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not back as it was: missing {missing:#?}, extra {extra:#?}"
    );
    // The same rows (a table keyed by text may list them in another order: their rowids are new).
    assert_eq!(after.lines().count(), before.lines().count());
    assert_eq!(dir.ok(&["undo", "a.bpfdesk"]).stdout.trim(), "nothing to undo");

    // A clash: the address of a deleted person is given to someone else meanwhile.
    dir.ok(&["people", "delete", "a.bpfdesk", &kwame]);
    dir.ok(&["people", "add", "a.bpfdesk", "Kwame M.", "--email", "kwame@mincom.gov.gh"]);
    let now = contents(dir);
    let msg = dir.fails(&["undo", "a.bpfdesk", "--last"]);
    assert_eq!(
        msg,
        "bpf-desk: “Kwame Mensah” from the register cannot be put back: the project has changed since in a way that clashes with it"
    );
    assert_eq!(contents(dir), now, "a refused undo changes nothing");
    assert_eq!(
        dir.json(&["undo", "a.bpfdesk", "--json"]).as_array().map(Vec::len),
        Some(1),
        "and keeps the entry"
    );
});
