//! Any bytes as an mbox stream, in memory: the splitter (mboxrd and pipermail quoting, with and
//! without bodies kept) and the header reader must neither panic nor hang, and never return
//! more bytes than they were given; the header helpers must take any text.
#![no_main]

use bpf_mail::archive::parse::{envelope_time, normalise_id, parse_date, to_utf8};
use bpf_mail::archive::texts::own_words;
use bpf_mail::archive::{HeaderReader, Quoting, Splitter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let reader = HeaderReader::new(today);
    // Bodies kept whole, cut short, or not at all (the import keeps none, the comments 256 KB).
    let keep = [0, 7, 1 << 20][data.len() % 3];
    for quoting in [Quoting::Mboxrd, Quoting::None] {
        let mut total = 0u64;
        for m in Splitter::new(data, quoting, keep) {
            let Ok(m) = m else { break };
            assert!(m.body.len() <= keep && m.body.len() as u64 <= m.body_len);
            total += m.header.len() as u64 + m.body_len + m.envelope.len() as u64;
            let parsed = reader.read(&m);
            assert!(parsed.key.starts_with("id:") || parsed.key.starts_with("h:"));
        }
        assert!(total <= data.len() as u64);
    }
    // The helpers the header reader uses, on the whole input as one value.
    let text = to_utf8(data);
    let _ = parse_date(&text);
    let _ = normalise_id(&text);
    let _ = envelope_time(data);
    let _ = own_words(&text);
});
