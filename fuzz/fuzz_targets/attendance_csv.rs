//! Any bytes as a meeting's attendance report, through the app's steps: is there a Zoom-like
//! participants table; if not, the preview, the columns proposed and checked against the
//! header; then the report read with the columns found or chosen. A report or a refusal with a
//! line and a reason, never a panic.
#![no_main]

use chrono_tz::Tz;
use libfuzzer_sys::fuzz_target;

const ZONES: [Tz; 4] = [Tz::UTC, Tz::Europe__Zurich, Tz::America__New_York, Tz::Pacific__Chatham];

fuzz_target!(|data: &[u8]| {
    let zone = ZONES[data.len() % ZONES.len()];
    let _ = bpf_import::first_row(data);
    let columns = if bpf_import::has_participant_header(data) {
        None
    } else {
        let Ok(preview) = bpf_import::preview(data, 20) else { return };
        assert!(preview.rows.len() <= 20 && preview.rows.len() <= preview.row_count);
        let s = bpf_import::suggest_columns(&preview.header, &preview.rows);
        for c in [s.name, s.email, s.join, s.leave, s.guest].into_iter().flatten() {
            assert!(c < preview.header.len());
        }
        let (Some(name), Some(join), Some(leave)) = (s.name, s.join, s.leave) else { return };
        let columns = bpf_import::Columns { name, join, leave, email: s.email, guest: s.guest };
        let Ok(header) = bpf_import::first_row(data) else { return };
        if columns.check(&header).is_err() {
            return;
        }
        Some(columns)
    };
    if let Ok(a) = bpf_import::read_attendance(data, columns, &zone) {
        assert!(!a.attendees.is_empty() && a.attendees.len() <= a.rows);
        for p in &a.attendees {
            assert!(!p.name.is_empty() && p.joins >= 1 && p.first_join <= p.last_leave);
        }
    }
});
