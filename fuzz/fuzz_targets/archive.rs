//! Any bytes as an archive: the splitter (both quotings) and the header reader must neither
//! panic nor hang, and never return more bytes than they were given; the member-list reader
//! must answer with a list or an error.
#![no_main]

use bpf_mail::archive::{HeaderReader, Quoting, Splitter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let reader = HeaderReader::new(today);
    for quoting in [Quoting::Mboxrd, Quoting::None] {
        let mut total = 0u64;
        for m in Splitter::new(data, quoting, 1 << 20) {
            let Ok(m) = m else { break };
            total += m.header.len() as u64 + m.body_len + m.envelope.len() as u64;
            let parsed = reader.read(&m);
            assert!(parsed.key.starts_with("id:") || parsed.key.starts_with("h:"));
        }
        assert!(total <= data.len() as u64);
    }
    let _ = bpf_mail::members::read_members(data);
});
