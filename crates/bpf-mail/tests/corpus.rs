//! The archive reader on real Mailman archives (`../shared/mail-corpus`, read in place).
//!
//! Expected figures were established independently by `tests/mail-corpus/count.py` (Python's
//! standard library: its own envelope rule, cross-checked against `mailbox.mbox`), not by this
//! reader: see that script's header for its rules.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};

use bpf_mail::archive::{self, DateSource, HeaderReader, Item, MailMessage, Reading};
use chrono::NaiveDate;

fn corpus(rel: &str) -> PathBuf {
    let root = std::env::var_os("BPF_MAIL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mail-corpus"));
    let p = root.join(rel);
    assert!(p.exists(), "the mail corpus is missing: {} (set BPF_MAIL_CORPUS)", p.display());
    p
}

struct Read {
    messages: Vec<MailMessage>,
    reports: Vec<archive::FileReport>,
}

fn read(paths: &[PathBuf], workers: usize) -> Read {
    let (files, problems) = archive::collect(paths);
    assert!(problems.is_empty(), "{problems:?}");
    let reader = HeaderReader::new(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let cancel = AtomicBool::new(false);
    let bytes = AtomicU64::new(0);
    let how = Reading { reader: &reader, workers, cancel: &cancel, bytes_read: &bytes };
    let mut out = Read { messages: Vec::new(), reports: Vec::new() };
    archive::read_all::<()>(&files, &how, |_, item| {
        match item {
            Item::Message(m) => out.messages.push(m),
            Item::Done(r) => out.reports.push(r),
        }
        Ok(())
    })
    .unwrap();
    out
}

fn distinct(m: &[MailMessage]) -> usize {
    m.iter().map(|m| &m.key).collect::<BTreeSet<_>>().len()
}

#[test]
fn twisted_web_envelopes_body_from_lines_and_url_lines() {
    // 5,374 envelopes (count.py), 390 of them straight after a scrubber `URL:`/`Url :` line and
    // 213 after other body text; body lines such as "From what do I see…" are not envelopes.
    let r = read(&[corpus("pipermail-twisted-web")], 2);
    assert_eq!(r.reports.len(), 163);
    assert_eq!(r.messages.len(), 5374);
    assert!(r.reports.iter().all(|f| f.problems.is_empty()), "{:?}", r.reports);
    // Three repeated Message-IDs (2004-December, 2005-July, 2006-February).
    assert_eq!(distinct(&r.messages), 5371);
    // Every message has a usable date (none missing or unparseable per count.py).
    assert!(r.messages.iter().all(|m| m.date_source == DateSource::Header));
    // 5,121 obfuscated senders: no address keeps an " at ".
    assert!(r.messages.iter().all(|m| !m.from_address.contains(" at ")));
    let deob = r.messages.iter().filter(|m| m.from_address.contains('@')).count();
    assert_eq!(deob, 5374);
}

#[test]
fn same_order_whatever_the_workers() {
    let one = read(&[corpus("pipermail-imagej-devel")], 1);
    let two = read(&[corpus("pipermail-imagej-devel")], 2);
    assert_eq!(one.messages.len(), 2718);
    assert_eq!(distinct(&one.messages), 2718);
    let keys = |r: &Read| r.messages.iter().map(|m| m.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&one), keys(&two));
}

#[test]
fn month_with_every_message_twice() {
    let r = read(&[corpus("fixtures-bigbang/2001-November.txt")], 1);
    assert_eq!((r.messages.len(), distinct(&r.messages)), (164, 82));
}

#[test]
fn mboxrd_with_dmarc_rewriting() {
    let r = read(&[corpus("usrp-users-2019-07.mboxrd")], 1);
    assert_eq!(r.messages.len(), 400);
    assert_eq!(distinct(&r.messages), 400);
    // All 400 are "X via USRP-users" with Reply-To (count.py): the list address never remains.
    assert!(r.messages.iter().all(|m| m.from_address != "usrp-users@lists.ettus.com"), "{:?}", r.messages[0]);
    assert!(r.messages.iter().all(|m| !m.from_name.to_lowercase().contains(" via ")));
    // Dates come from the Date headers (April–June 2019), not the conversion-day envelopes.
    let months: BTreeSet<String> =
        r.messages.iter().map(|m| m.sent_at.unwrap().format("%Y-%m").to_string()).collect();
    assert_eq!(months.into_iter().collect::<Vec<_>>(), vec!["2019-04", "2019-05", "2019-06"]);
}

#[test]
fn perceval_and_bigbang_fixtures() {
    let r = read(&[corpus("fixtures-perceval")], 2);
    assert_eq!(r.messages.len(), 22);
    assert_eq!(distinct(&r.messages), 18);
    let latin = r.messages.iter().find(|m| m.from_address.contains("charlie")).expect("iso-8859 sender");
    assert!(latin.from_address.contains('í') || latin.from_name.contains('í'), "{latin:?}");
    let no_date = r.messages.iter().filter(|m| m.date_source != DateSource::Header).count();
    assert!(no_date >= 2, "mbox_no_fields has a message without Date and one with a blank Date");

    let r = read(&[corpus("fixtures-bigbang/3GPP_TSG_RAN_WG4_NR-MIMO-OTA.mbox")], 1);
    assert_eq!((r.messages.len(), distinct(&r.messages)), (59, 56));
    let r = read(&[corpus("fixtures-bigbang/3GPP_TSG_SA_WG4_EVS.mbox")], 1);
    assert_eq!((r.messages.len(), distinct(&r.messages)), (50, 49));
    // A list of From values, not a mailbox: reported, nothing invented.
    let r = read(&[corpus("fixtures-bigbang/from-header-variations.txt")], 1);
    assert_eq!(r.messages.len(), 0);
    assert_eq!(r.reports[0].problems.len(), 1, "{:?}", r.reports);
}
