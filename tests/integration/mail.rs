//! The mailing list through the CLI: archives imported from the shared corpus (read in place),
//! figures as JSON and CSV, member-list snapshots, the verdict, refused input, and a kill -9 in
//! the middle of an import.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util::{TestDir, bin, snapshot, sqlite3_out};

pub(crate) fn corpus(rel: &str) -> String {
    let root = std::env::var_os("BPF_MAIL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mail-corpus"));
    let p = root.join(rel);
    assert!(p.exists(), "the mail corpus is missing: {} (set BPF_MAIL_CORPUS)", p.display());
    p.display().to_string()
}

fn json(dir: &TestDir, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&dir.ok(args).stdout).expect("JSON")
}

bpftest!(import_twice_stats_csv_snapshots_and_verdict, |dir| {
    dir.new_2026("a.bpfdesk");
    let twisted = corpus("pipermail-twisted-web");
    let r = dir.ok(&["mail", "import", "a.bpfdesk", &twisted]);
    // 5,374 envelopes and 5,371 distinct Message-IDs (tests/mail-corpus/count.py).
    assert!(
        r.stdout.starts_with(
            "163 file(s) read: 5374 messages, 5371 added, 3 duplicate(s) skipped, 0 without date"
        ),
        "{}",
        r.stdout
    );
    let again = json(dir, &["mail", "import", "a.bpfdesk", &twisted, "--json"]);
    assert_eq!((again["added"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(5374)));
    assert_eq!(again["total_messages"], 5371);

    let stats = json(
        dir,
        &[
            "mail",
            "stats",
            "a.bpfdesk",
            "--json",
            "--from",
            "2005-01-01",
            "--to",
            "2005-12-31",
            "--by",
            "month",
            "--csv",
            "2005.csv",
        ],
    );
    let periods = stats["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 12);
    let sum = |k: &str| periods.iter().map(|p| p[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum("messages"), stats["messages"].as_u64().unwrap());
    assert_eq!(sum("threads") + sum("replies"), sum("messages"));
    assert_eq!(sum("new_posters"), stats["new_posters"].as_u64().unwrap());
    assert!(periods.iter().all(|p| p["posters"].as_u64() <= p["messages"].as_u64()));
    // The CSV, read back by the csv crate: the same figures, and a total row.
    let mut rows = csv::Reader::from_path(dir.path("2005.csv")).unwrap();
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        ["period", "start", "messages", "posters", "new_posters", "threads", "replies", "team_messages"]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 13);
    assert_eq!(&records[0][0], "2005-01");
    assert_eq!(records[0][2].parse::<u64>().unwrap(), periods[0]["messages"].as_u64().unwrap());
    assert_eq!(records[12][2].parse::<u64>().unwrap(), stats["messages"].as_u64().unwrap());
    let weeks = json(
        dir,
        &[
            "mail",
            "stats",
            "a.bpfdesk",
            "--json",
            "--from",
            "2005-01-03",
            "--to",
            "2005-01-16",
            "--by",
            "week",
        ],
    );
    let labels: Vec<&str> =
        weeks["periods"].as_array().unwrap().iter().map(|p| p["period"].as_str().unwrap()).collect();
    assert_eq!(labels, ["2005-W01", "2005-W02"]);

    // Member lists: Mailman 2's list_members output, then Mailman 3's CSV a month later.
    std::fs::write(dir.path("members-1.txt"), "a@x.org\nb@x.org\nJane Doe <jane@x.org>\n").unwrap();
    std::fs::write(
        dir.path("members-2.csv"),
        "email,display_name\nb@x.org,B\njane@x.org,Jane\nc@x.org,C\nd@x.org,D\n",
    )
    .unwrap();
    let s1 =
        json(dir, &["mail", "subscribers", "a.bpfdesk", "members-1.txt", "--date", "2005-09-01", "--json"]);
    assert_eq!(s1["snapshot"]["subscribers"], 3);
    let s2 =
        json(dir, &["mail", "subscribers", "a.bpfdesk", "members-2.csv", "--date", "2005-10-01", "--json"]);
    assert_eq!(
        (
            s2["snapshot"]["subscribers"].as_u64(),
            s2["snapshot"]["joined"].as_u64(),
            s2["snapshot"]["left"].as_u64()
        ),
        (Some(4), Some(2), Some(1))
    );

    dir.ok(&["mail", "thresholds", "a.bpfdesk", "--subscribers", "4", "--messages-per-month", "20"]);
    let v =
        json(dir, &["mail", "verdict", "a.bpfdesk", "--json", "--from", "2005-03-01", "--to", "2005-10-31"]);
    assert_eq!(v["subscribers"], 4);
    assert_eq!(v["subscribers_verdict"], "met");
    assert_eq!(v["months"].as_array().unwrap().len(), 8);
    let sentence = v["sentence"].as_str().unwrap();
    assert!(sentence.starts_with("4 subscribers on 1 October 2005; "), "{sentence}");
    assert!(sentence.contains("a month on average from March to October 2005 from"), "{sentence}");
});

bpftest!(refused_mail_input_changes_nothing, |dir| {
    dir.new_2026("a.bpfdesk");
    std::fs::write(dir.path("empty.txt"), "").unwrap();
    std::fs::write(dir.path("words.txt"), "hello\nworld\n").unwrap();
    let before = snapshot(dir.root());
    let e = dir.fails(&["mail", "import", "a.bpfdesk", "no-such-folder"]);
    assert!(e.contains("nothing to import") && e.contains("no-such-folder"), "{e}");
    let e = dir.fails(&["mail", "subscribers", "a.bpfdesk", "empty.txt", "--date", "2026-01-01"]);
    assert!(e.contains("empty.txt was not read as a member list: the file is empty"), "{e}");
    let e = dir.fails(&["mail", "subscribers", "a.bpfdesk", "words.txt", "--date", "2026-01-01"]);
    assert!(e.contains("no e-mail address found"), "{e}");
    let e = dir.fails(&["mail", "subscribers", "a.bpfdesk", "words.txt", "--date", "2999-01-01"]);
    assert!(e.contains("after today"), "{e}");
    let e = dir.fails(&["mail", "stats", "a.bpfdesk", "--from", "2026-05-01", "--to", "2026-04-01"]);
    assert!(e.contains("ends (2026-04-01) before it starts (2026-05-01)"), "{e}");
    assert_eq!(snapshot(dir.root()), before);
    // A file that is not an archive is reported, not an error: nothing added.
    let r = json(dir, &["mail", "import", "a.bpfdesk", "words.txt", "--json"]);
    assert_eq!(r["added"], 0);
    assert_eq!(r["problems"][0]["reason"], "no messages found: not an mbox or pipermail archive");
});

bpftest!(kill_9_in_the_middle_of_an_import_leaves_it_absent_or_complete, |dir| {
    dir.new_2026("a.bpfdesk");
    // A 72 MB mbox: the real usrp-users month four times, each copy with its own Message-IDs.
    // (Read lossily: a few of its bytes are not UTF-8, which does not matter here.)
    let usrp =
        String::from_utf8_lossy(&std::fs::read(corpus("usrp-users-2019-07.mboxrd")).unwrap()).into_owned();
    let mut big = String::with_capacity(usrp.len() * 4);
    for k in 0..4 {
        big.push_str(
            &usrp
                .replace("Message-ID: <", &format!("Message-ID: <copy{k}."))
                .replace("Message-Id: <", &format!("Message-Id: <copy{k}.")),
        );
    }
    std::fs::write(dir.path("big.mboxrd"), &big).unwrap();
    // The import reads from a pipe fed half of the file, so it is surely in the middle when killed.
    let fifo = dir.path("feed.mboxrd");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut child = Command::new(bin())
        .args(["mail", "import", "a.bpfdesk", "feed.mboxrd"])
        .current_dir(dir.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let half = big.len() / 2;
    let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    std::io::Write::write_all(&mut pipe, &big.as_bytes()[..half]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "the import cannot have ended: its input is open");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    drop(pipe);
    let file = dir.path("a.bpfdesk");
    assert_eq!(sqlite3_out(&file, "PRAGMA integrity_check"), "ok");
    assert_eq!(sqlite3_out(&file, "SELECT count(*) FROM mail_message"), "0");
    assert_eq!(sqlite3_out(&file, "SELECT count(*) FROM mail_import"), "0");
    // The project opens and the import completes.
    let r = json(dir, &["mail", "import", "a.bpfdesk", "big.mboxrd", "--json"]);
    assert_eq!(r["total_messages"], 1600);
});
