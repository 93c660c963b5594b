//! Importing mailing-list archives into a real project file: counts, idempotence, overlap,
//! cancellation, and the traps of real archives that the shared corpus does not contain
//! (written here as small files).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use bpf_app::{AppError, MailImportReport, Project, StatsQuery};
use bpf_domain::mail::Granularity;
use chrono::{NaiveDate, Utc};

fn corpus(rel: &str) -> PathBuf {
    let root = std::env::var_os("BPF_MAIL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mail-corpus"));
    let p = root.join(rel);
    assert!(p.exists(), "the mail corpus is missing: {} (set BPF_MAIL_CORPUS)", p.display());
    p
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

fn project(dir: &Path) -> Project {
    let file = dir.join("list.bpfdesk");
    Project::create_demo(&file, true).expect("a demo project");
    Project::open(&file).expect("it opens")
}

fn import(p: &mut Project, paths: &[PathBuf]) -> MailImportReport {
    let cancel = AtomicBool::new(false);
    p.import_mail(paths, today(), Utc::now(), &cancel, |_| {}).expect("the import succeeds")
}

fn total(p: &mut Project) -> u32 {
    let q =
        StatsQuery { from: NaiveDate::from_ymd_opt(1990, 1, 1), to: Some(today()), by: Granularity::Month };
    p.mail_stats(&q).expect("stats").archive_messages
}

fn months(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(corpus(folder)).expect("folder").map(|e| e.expect("entry").path()).collect();
    files.sort();
    files
}

#[test]
fn reimport_adds_nothing_and_a_new_month_adds_only_that_month() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut p = project(dir.path());
    let files = months("pipermail-imagej-devel");
    let (last, rest) = files.split_last().expect("files");
    let first = import(&mut p, rest);
    assert_eq!(first.files, 71);
    assert_eq!(first.duplicates, 0);
    let again = import(&mut p, rest);
    assert_eq!((again.added, again.duplicates), (0, first.added));
    let new_month = import(&mut p, std::slice::from_ref(last));
    assert!(new_month.added > 0);
    assert_eq!((new_month.added, new_month.duplicates), (new_month.messages_read, 0));
    // 2,718 distinct messages in the folder (tests/mail-corpus/count.py).
    assert_eq!(total(&mut p), 2718);
    assert_eq!(new_month.total_messages, 2718);
    // The whole folder once more: nothing.
    let all = import(&mut p, &[corpus("pipermail-imagej-devel")]);
    assert_eq!((all.messages_read, all.added, all.duplicates), (2718, 0, 2718));
}

#[test]
fn overlapping_imports_count_each_message_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut p = project(dir.path());
    let files = months("pipermail-twisted-web");
    import(&mut p, &files[0..40]);
    let b = import(&mut p, &files[20..80]);
    // The same files 40..80 into an empty project: what b may add (no message of the folder
    // has a copy in another month, count.py).
    let other = tempfile::tempdir().expect("tmp");
    let fresh = import(&mut project(other.path()), &files[40..80]);
    assert_eq!(b.added, fresh.added);
    assert_eq!(b.duplicates, b.messages_read - fresh.added);
    let c = import(&mut p, &files);
    assert_eq!(c.messages_read, 5374);
    // 5,371 distinct Message-IDs in the folder (count.py).
    assert_eq!(total(&mut p), 5371);
}

#[test]
fn cancelled_import_adds_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut p = project(dir.path());
    let cancel = AtomicBool::new(false);
    let mut seen = 0;
    let r = p.import_mail(&[corpus("pipermail-twisted-web")], today(), Utc::now(), &cancel, |progress| {
        seen += 1;
        if progress.files_done >= 20 {
            cancel.store(true, Ordering::Relaxed);
        }
    });
    assert!(matches!(r, Err(AppError::Cancelled)), "{r:?}");
    assert!(seen > 1);
    assert_eq!(total(&mut p), 0);
    // The project is intact and a full import works afterwards.
    let full = import(&mut p, &[corpus("pipermail-twisted-web")]);
    assert_eq!(full.added, 5371);
}

#[test]
fn the_list_address_as_sender_does_not_make_one_poster() {
    // 249 messages of 2003-12 … 2004-04 are `From: twisted-web@twistedmatrix.com (Real Name)`.
    let dir = tempfile::tempdir().expect("tmp");
    let mut p = project(dir.path());
    import(&mut p, &[corpus("pipermail-twisted-web")]);
    let q = StatsQuery {
        from: NaiveDate::from_ymd_opt(2003, 12, 1),
        to: NaiveDate::from_ymd_opt(2004, 4, 30),
        by: Granularity::Month,
    };
    let s = p.mail_stats(&q).expect("stats");
    assert!(
        s.top_posters.iter().all(|t| t.address != "twisted-web@twistedmatrix.com"),
        "{:?}",
        s.top_posters
    );
    assert!(s.posters > 40, "{}", s.posters);
    assert_eq!(s.threads + s.replies, s.messages);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

const ODD_DATES: &str = "From a at x.org  Thu Nov  1 11:19:12 2001
From: a at x.org (A)
Date: Thu, 1 Nov 2001 11:19:12 +50579034
Subject: zone out of range
Message-ID: <d1@x.org>

one
From b at x.org  Thu Nov  1 11:19:12 2001
From: b at x.org (B)
Date: Thu, 1 Nov 2001 11:19:12 0480
Subject: Re: zone out of range
In-Reply-To:
Message-ID: <d2@x.org>

two
From c at x.org  Thu Nov  1 11:19:12 2001
From: c at x.org (C)
Date: Thu, 01 Nov 2001 13:19:12 +0200 (IDT)
Subject: Re: zone out of range
Message-ID: <d3@x.org>

three
";

#[test]
fn traps_not_in_the_corpus() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    // Offsets like +50579034 and 0480, an (IDT) comment, an empty In-Reply-To.
    write(&input, "2001-November.txt", ODD_DATES.as_bytes());
    // An absurd year in header and envelope: kept, reported, in no period.
    write(
        &input,
        "1945-February.txt",
        b"From z at x.org  Sat Feb  3 10:00:00 1945\nFrom: z at x.org (Z)\nDate: Sat, 3 Feb 1945 10:00:00 +0000\nSubject: old\nMessage-ID: <old@x.org>\n\nbody\n",
    );
    // Raw Big5 bytes in a header, the charset declared; no Message-ID (keyed by hash).
    let mut big5 = b"From w@x.org Mon Jul  1 10:00:00 2019\nFrom: w@x.org\nDate: Mon, 1 Jul 2019 10:00:00 +0800\nSubject: ".to_vec();
    big5.extend_from_slice(b"\xa4\xa4\xa4\xe5");
    big5.extend_from_slice(b"\nContent-Type: text/plain; charset=big5\n\nbody\n");
    write(&input, "big5.mbox", &big5);
    // A .gz name on plain text, and gzip bytes under a .txt name.
    write(
        &input,
        "2002-March.txt.gz",
        b"From p at x.org  Fri Mar  1 10:00:00 2002\nFrom: p at x.org (P)\nDate: Fri, 1 Mar 2002 10:00:00 +0000\nSubject: plain\nMessage-ID: <plain@x.org>\n\nx\n",
    );
    write(
        &input,
        "2002-April.txt",
        &gzip(b"From q at x.org  Mon Apr  1 10:00:00 2002\nFrom: q at x.org (Q)\nDate: Mon, 1 Apr 2002 10:00:00 +0000\nSubject: zipped\nMessage-ID: <zipped@x.org>\n\nx\n"),
    );
    // An empty file, and a truncated download of a real month.
    write(&input, "2003-May.txt", b"");
    let real = std::fs::read(corpus("pipermail-twisted-web/2005-March.txt.gz")).expect("read");
    write(&input, "2005-March.txt.gz", &real[..real.len() / 2]);

    let mut p = project(dir.path());
    let r = import(&mut p, std::slice::from_ref(&input));
    assert_eq!(r.files, 7);
    assert_eq!(r.undated, 1, "{r:?}");
    assert_eq!(r.undated_at, vec!["1945-February.txt:1".to_string()]);
    let reasons: Vec<String> =
        r.problems.iter().map(|p| format!("{}:{} {}", p.file, p.line, p.reason)).collect();
    assert_eq!(r.problems.len(), 2, "{reasons:?}");
    assert!(reasons.iter().any(|p| p.contains("2003-May.txt:0 the file is empty")), "{reasons:?}");
    let truncated =
        r.problems.iter().find(|p| p.file.ends_with("2005-March.txt.gz")).expect("truncated reported");
    assert!(truncated.line > 1 && truncated.reason.contains("ends in the middle"), "{truncated:?}");
    // The messages before the cut were read (half of the month at least one).
    assert!(r.added > 6, "{r:?}");

    let q = StatsQuery {
        from: NaiveDate::from_ymd_opt(2001, 11, 1),
        to: NaiveDate::from_ymd_opt(2019, 7, 31),
        by: Granularity::Month,
    };
    let s = p.mail_stats(&q).expect("stats");
    let nov = s.periods.iter().find(|x| x.period == "2001-11").expect("November 2001");
    // All three dated 1 November 2001; two replies by subject (the empty In-Reply-To names nothing).
    assert_eq!((nov.messages, nov.threads, nov.replies), (3, 1, 2));
    let q = StatsQuery {
        from: NaiveDate::from_ymd_opt(2019, 7, 1),
        to: NaiveDate::from_ymd_opt(2019, 7, 31),
        by: Granularity::Month,
    };
    let july = p.mail_stats(&q).expect("stats");
    assert_eq!(july.top_threads.iter().map(|t| t.subject.as_str()).collect::<Vec<_>>(), ["中文"]);
    let months: Vec<&str> = s.periods.iter().filter(|x| x.messages > 0).map(|x| x.period.as_str()).collect();
    assert!(months.contains(&"2002-03") && months.contains(&"2002-04"), "{months:?}");
    assert_eq!(s.undated, 1);
}

#[test]
fn nothing_to_import_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut p = project(dir.path());
    let cancel = AtomicBool::new(false);
    let missing = dir.path().join("no-such-folder");
    let e = p.import_mail(&[missing], today(), Utc::now(), &cancel, |_| {}).expect_err("refused");
    assert!(e.to_string().contains("nothing to import"), "{e}");
    let e = p.import_mail(&[], today(), Utc::now(), &cancel, |_| {}).expect_err("refused");
    assert!(e.to_string().contains("choose at least one"), "{e}");
    assert_eq!(total(&mut p), 0);
}
