//! Any bytes as the register's spreadsheet (CSV of people: BOM, UTF-16, Windows-1252, comma,
//! semicolon or tab): rows with warnings, or a refusal, never a panic; every row has a name.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = bpf_import::people::read_people(data) {
        for row in &file.rows {
            assert!(!row.name.is_empty());
            assert!(row.emails.iter().all(|e| !e.is_empty()));
        }
        for w in &file.warnings {
            assert!(w.starts_with("line "), "{w}");
        }
    }
});
