//! Any bytes as a review platform's export of public comments: rows with warnings, or a
//! refusal, never a panic; every row has its comment text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = bpf_import::comments::read_comments(data) {
        for row in &file.rows {
            assert!(!row.text.is_empty());
        }
        for w in &file.warnings {
            assert!(w.starts_with("line "), "{w}");
        }
    }
});
