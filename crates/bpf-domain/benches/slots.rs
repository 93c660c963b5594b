//! Benchmark of the fair-slot finder: a year of 30-minute steps for 60 places.
//! Run with `cargo bench -p bpf-domain --bench slots`; prints figures against the 100 ms budget
//! (the finder must feel instant while the user drags options).

use std::time::Instant;

use bpf_domain::meeting::Place;
use bpf_domain::slots::{SlotQuery, find_slots, rotation};
use chrono::NaiveDate;

fn main() {
    // 60 real zones spread over the whole tz database, 1 to 12 participants each.
    let zones: Vec<&str> =
        chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).filter(|n| n.contains('/')).collect();
    let places: Vec<Place> = (0..60)
        .map(|i| {
            let zone = zones[i * zones.len() / 60];
            Place {
                id: i as i64,
                name: zone.to_string(),
                zone: zone.to_string(),
                participants: 1 + (i as u32 * 7) % 12,
            }
        })
        .collect();
    let q = SlotQuery {
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
        minutes: 90,
        step_minutes: 30,
        skip_weekends: true,
        avoid_summer: true,
    };
    let candidates = 365 * 48;
    let budget_ms = 100.0;
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let best = find_slots(&places, &q, 5).expect("slots");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(best.len(), 5);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "find_slots: {candidates} candidates x {} places, median of 7 runs {median:.1} ms",
        places.len()
    );
    println!("  ratio to the 100 ms budget: {:.2}", median / budget_ms);
    let t = Instant::now();
    let series = rotation(&places, &q, 6).expect("rotation");
    let rot_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "rotation of {} meetings over the year: {rot_ms:.1} ms (ratio {:.2})",
        series.len(),
        rot_ms / budget_ms
    );
}
