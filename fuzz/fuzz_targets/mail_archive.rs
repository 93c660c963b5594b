//! Any bytes as an archive file on disk, read as the import reads it: gzip known by its magic
//! bytes, the file named as a pipermail month (`.txt`, not quoted) and as an mbox (mboxrd), then
//! the comment-period reader that decodes the bodies (MIME, charsets, quoted text left out).
//! Nothing may panic or hang; problems are reported with a line inside the file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::AtomicU64;

use bpf_mail::archive::texts::read_texts;
use bpf_mail::archive::{ArchiveFile, HeaderReader, read_file};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

/// One file under two names (a hard link): a pipermail month and an mbox.
fn files() -> &'static (PathBuf, PathBuf) {
    static FILES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("bpf-fuzz-mail-archive-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let txt = dir.join("2020-October.txt");
        let mbox = dir.join("list.mbox");
        std::fs::write(&txt, b"").expect("a temporary file");
        let _ = std::fs::remove_file(&mbox);
        std::fs::hard_link(&txt, &mbox).expect("a hard link");
        (txt, mbox)
    })
}

fuzz_target!(|data: &[u8]| {
    let (txt, mbox) = files();
    // Written in place: both names see the new bytes.
    std::fs::write(txt, data).expect("the input written");
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let reader = HeaderReader::new(day(2026, 11, 23));
    for path in [txt, mbox] {
        let count = AtomicU64::new(0);
        let file = ArchiveFile { path: path.clone(), size: data.len() as u64 };
        let mut sent = 0;
        let report = read_file(&file, &reader, &count, |m| {
            assert!(m.key.starts_with("id:") || m.key.starts_with("h:"));
            sent += 1;
            true
        });
        assert_eq!(report.messages, sent);
        assert!(count.into_inner() <= data.len() as u64);
        for p in &report.problems {
            assert!(p.line <= report.lines + 1, "{p:?} after {} lines", report.lines);
            assert!(!p.reason.is_empty());
        }
    }
    let (texts, _problems) =
        read_texts(&[mbox.clone()], day(1900, 1, 1), day(2200, 12, 31), day(2026, 11, 23));
    assert!(texts.windows(2).all(|w| w[0].sent_at <= w[1].sent_at), "oldest first");
});
