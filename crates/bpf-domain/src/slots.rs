//! The fair-slot finder: candidate start times ranked by the burden they put on participants.
//!
//! The burden of a meeting for one participant is the time it takes outside 07:00–22:00 local,
//! each minute weighted by how far outside it is: a minute `d` hours from the nearest edge of the
//! day costs `(1 + d) / 60` person-hours. So an hour from 06:00 to 07:00 costs 1.5, an hour from
//! 05:00 to 06:00 costs 2.5, and an hour inside the day costs nothing. A place's burden is that
//! times its participant count; a slot's burden is the sum over places.

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::meeting::{DAY_START_MIN, DayPart, NIGHT_START_MIN, Place, is_weekend, local_time};
use crate::validate::{InvalidInput, parse_zone};

const DAY: usize = 1440;

/// What the finder is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SlotQuery {
    pub from: NaiveDate,
    /// Last day on which a meeting may start (UTC), inclusive.
    pub to: NaiveDate,
    pub minutes: u32,
    /// Minutes between candidate start times (30 by default).
    pub step_minutes: u32,
    /// Skip a start that falls on a Saturday or Sunday in any participant's zone.
    pub skip_weekends: bool,
    /// Skip a start in July or August (in any participant's zone).
    pub avoid_summer: bool,
}

/// What one place pays for a slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlaceCost {
    pub place: String,
    pub zone: String,
    pub participants: u32,
    /// Local start `YYYY-MM-DDTHH:MM` and the zone's abbreviation.
    pub local_start: String,
    pub abbreviation: String,
    pub part: DayPart,
    /// Weighted person-hours outside 07:00–22:00 for all participants there.
    pub burden: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub minutes: u32,
    /// Total weighted person-hours outside 07:00–22:00.
    pub burden: f64,
    /// Participants for whom part of the meeting is at night.
    pub people_at_night: u32,
    /// The places that pay a cost, the heaviest first.
    pub payers: Vec<PlaceCost>,
}

/// The weight of one minute starting at `minute` of the local day.
fn minute_weight(minute: usize) -> f64 {
    let t = minute as f64 + 0.5;
    let (day_start, night_start) = (f64::from(DAY_START_MIN), f64::from(NIGHT_START_MIN));
    if t >= day_start && t < night_start {
        return 0.0;
    }
    let to_morning = if t < day_start { day_start - t } else { day_start + DAY as f64 - t };
    let from_evening = if t >= night_start { t - night_start } else { t + DAY as f64 - night_start };
    (1.0 + to_morning.min(from_evening) / 60.0) / 60.0
}

/// Per-person burden for every local start minute of the day, for one duration.
fn burden_table(minutes: u32) -> Vec<f64> {
    let minutes = (minutes as usize).min(DAY);
    let mut prefix = vec![0.0; 2 * DAY + 1];
    for i in 0..2 * DAY {
        prefix[i + 1] = prefix[i] + minute_weight(i % DAY);
    }
    (0..DAY).map(|s| prefix[s + minutes] - prefix[s]).collect()
}

/// The burden of one meeting for one person starting at `minute_of_day` local time.
pub fn person_burden(minute_of_day: u32, minutes: u32) -> f64 {
    let minutes = (minutes as usize).min(DAY);
    (0..minutes).map(|k| minute_weight((minute_of_day as usize + k) % DAY)).sum()
}

/// A place's UTC offsets over the query, looked up once per day and per candidate only on the
/// days the offset changes.
struct PlaceClock {
    tz: Tz,
    participants: f64,
    /// Offset in minutes at 00:00 UTC of each day, and whether it changes before the next day.
    days: Vec<(i32, bool)>,
}

fn offset_minutes(tz: &Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc() / 60
}

impl PlaceClock {
    fn new(place: &Place, from: NaiveDate, days: usize) -> Result<Self, InvalidInput> {
        let tz = parse_zone(&place.zone)?;
        let midnight = |d: usize| {
            let date = from + Duration::days(d as i64);
            Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
        };
        let offsets: Vec<i32> = (0..=days).map(|d| offset_minutes(&tz, midnight(d))).collect();
        let days = offsets.windows(2).map(|w| (w[0], w[0] != w[1])).collect();
        Ok(PlaceClock { tz, participants: f64::from(place.participants), days })
    }

    fn offset(&self, day: usize, t: DateTime<Utc>) -> i32 {
        match self.days[day] {
            (o, false) => o,
            (_, true) => offset_minutes(&self.tz, t),
        }
    }
}

fn check_query(q: &SlotQuery, places: &[Place]) -> Result<usize, InvalidInput> {
    if q.to < q.from {
        return Err(InvalidInput::PeriodEndsBeforeStart {
            title: "the search period".into(),
            start: q.from,
            end: q.to,
        });
    }
    let days = (q.to - q.from).num_days() as usize + 1;
    if days > 731 {
        return Err(InvalidInput::Date(format!(
            "the search period spans {days} days: search at most two years at a time"
        )));
    }
    if q.minutes == 0 || q.minutes > 720 {
        return Err(InvalidInput::Date(format!(
            "a meeting of {} minutes is not plausible: give between 1 and 720 minutes",
            q.minutes
        )));
    }
    if q.step_minutes == 0 || !(DAY as u32).is_multiple_of(q.step_minutes) {
        return Err(InvalidInput::Date(format!(
            "a step of {} minutes does not divide the day: use 15, 30 or 60",
            q.step_minutes
        )));
    }
    if places.iter().all(|p| p.participants == 0) {
        return Err(InvalidInput::Empty { what: "list of places with participants" });
    }
    Ok(days)
}

/// Scores every candidate start; `visit` gets the start and the per-place burdens.
fn scan(
    q: &SlotQuery,
    places: &[Place],
    mut visit: impl FnMut(DateTime<Utc>, &[f64]),
) -> Result<(), InvalidInput> {
    let days = check_query(q, places)?;
    let table = burden_table(q.minutes);
    let clocks: Vec<PlaceClock> =
        places.iter().map(|p| PlaceClock::new(p, q.from, days)).collect::<Result<_, _>>()?;
    let per_day = DAY / q.step_minutes as usize;
    let filter = q.skip_weekends || q.avoid_summer;
    let mut costs = vec![0.0; places.len()];
    let base = Utc.from_utc_datetime(&q.from.and_hms_opt(0, 0, 0).unwrap_or_default());
    for day in 0..days {
        'step: for step in 0..per_day {
            let utc_minute = step * q.step_minutes as usize;
            let start = base + Duration::minutes((day * DAY + utc_minute) as i64);
            for (i, c) in clocks.iter().enumerate() {
                let offset = c.offset(day, start);
                if filter && c.participants > 0.0 {
                    let local_date = (start + Duration::minutes(i64::from(offset))).date_naive();
                    if (q.skip_weekends && is_weekend(local_date))
                        || (q.avoid_summer && crate::cycle::is_summer(local_date))
                    {
                        continue 'step;
                    }
                }
                let local = (utc_minute as i32 + offset).rem_euclid(DAY as i32) as usize;
                costs[i] = table[local] * c.participants;
            }
            visit(start, &costs);
        }
    }
    Ok(())
}

/// A start time with what each place pays for it.
#[derive(Debug, Clone)]
struct Candidate {
    start: DateTime<Utc>,
    costs: Box<[f64]>,
}

fn slot(start: DateTime<Utc>, minutes: u32, places: &[Place], costs: &[f64]) -> Slot {
    let mut payers = Vec::new();
    let mut people_at_night = 0;
    for (p, &burden) in places.iter().zip(costs) {
        let Ok(lt) = local_time(start, minutes, &p.name, &p.zone, p.participants) else { continue };
        if lt.part == DayPart::Night {
            people_at_night += p.participants;
        }
        if burden > 0.0 {
            payers.push(PlaceCost {
                place: p.name.clone(),
                zone: lt.zone,
                participants: p.participants,
                local_start: lt.start,
                abbreviation: lt.abbreviation,
                part: lt.part,
                burden: round2(burden),
            });
        }
    }
    payers.sort_by(|a, b| b.burden.total_cmp(&a.burden));
    Slot { start, minutes, burden: round2(costs.iter().sum()), people_at_night, payers }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The `limit` best start times, each at a distinct time of day (UTC): for each time of day the
/// date with the lowest burden (the earliest among equals).
pub fn find_slots(places: &[Place], q: &SlotQuery, limit: usize) -> Result<Vec<Slot>, InvalidInput> {
    // The best candidate per UTC minute of the day, with its total burden.
    let mut best: Vec<Option<(f64, Candidate)>> = vec![None; DAY];
    scan(q, places, |start, costs| {
        let total: f64 = costs.iter().sum();
        let key = (start.hour() * 60 + start.minute()) as usize;
        if best[key].as_ref().is_none_or(|(b, _)| total < *b - 1e-9) {
            best[key] = Some((total, Candidate { start, costs: costs.into() }));
        }
    })?;
    let mut ranked: Vec<(f64, Candidate)> = best.into_iter().flatten().collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.start.cmp(&b.1.start)));
    Ok(ranked.into_iter().take(limit).map(|(_, c)| slot(c.start, q.minutes, places, &c.costs)).collect())
}

/// Start times for a series of `count` meetings spread over the period (the days on which a
/// start is allowed are cut into `count` equal runs, one meeting in each), chosen so that the
/// burden rotates: a place's burden counts `1 + h/2` times when the next meeting is chosen, `h`
/// being the weighted hours each of its participants already carried in the series, so the same
/// region does not always carry the night, without pushing a large group into the small hours to
/// spare a small one.
pub fn rotation(places: &[Place], q: &SlotQuery, count: usize) -> Result<Vec<Slot>, InvalidInput> {
    let mut allowed: Vec<Candidate> = Vec::new();
    scan(q, places, |start, costs| allowed.push(Candidate { start, costs: costs.into() }))?;
    let mut days: Vec<NaiveDate> = allowed.iter().map(|c| c.start.date_naive()).collect();
    days.dedup();
    if count == 0 || count > days.len() {
        return Err(InvalidInput::Date(format!(
            "a series of {count} meetings does not fit: {} days of the period allow a start with these options",
            days.len()
        )));
    }
    // Burden each place has carried so far, per participant.
    let mut carried = vec![0.0; places.len()];
    let mut out = Vec::with_capacity(count);
    for k in 0..count {
        let (first, last) = (days[k * days.len() / count], days[(k + 1) * days.len() / count - 1]);
        let mut best: Option<(f64, &Candidate)> = None;
        for candidate in allowed.iter().filter(|c| (first..=last).contains(&c.start.date_naive())) {
            let score: f64 =
                candidate.costs.iter().zip(&carried).map(|(c, carried)| c * (1.0 + carried / 2.0)).sum();
            if best.is_none_or(|(b, _)| score < b - 1e-9) {
                best = Some((score, candidate));
            }
        }
        let Some((_, chosen)) = best else { continue };
        for ((c, p), carried) in chosen.costs.iter().zip(places).zip(carried.iter_mut()) {
            if p.participants > 0 {
                *carried += c / f64::from(p.participants);
            }
        }
        out.push(slot(chosen.start, q.minutes, places, &chosen.costs));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: i64, name: &str, zone: &str, participants: u32) -> Place {
        Place { id, name: name.into(), zone: zone.into(), participants }
    }

    fn d(s: &str) -> NaiveDate {
        crate::parse_date(s).unwrap()
    }

    fn query(from: &str, to: &str, minutes: u32) -> SlotQuery {
        SlotQuery {
            from: d(from),
            to: d(to),
            minutes,
            step_minutes: 30,
            skip_weekends: false,
            avoid_summer: false,
        }
    }

    #[test]
    fn burden_computed_by_hand() {
        // Inside the day: nothing.
        assert_eq!(person_burden(9 * 60, 90), 0.0);
        // 06:00–07:00: the distance to 07:00 runs from 1 h down to 0, 0.5 h on average: 1 h × 1.5.
        assert!((person_burden(6 * 60, 60) - 1.5).abs() < 1e-9);
        // 05:00–06:00: 1 h × (1 + 1.5).
        assert!((person_burden(5 * 60, 60) - 2.5).abs() < 1e-9);
        // 21:00–23:00: the first hour is free, the second costs 1.5.
        assert!((person_burden(21 * 60, 120) - 1.5).abs() < 1e-9);
        // 02:00–03:00 is 4 h from the night's edge at both ends and 4.5 h at 02:30: 1 h × (1 + 4.25).
        assert!((person_burden(2 * 60, 60) - 5.25).abs() < 1e-9);
        // The table agrees with the direct sum at every start.
        let table = burden_table(90);
        for m in (0..1440).step_by(15) {
            assert!((table[m] - person_burden(m as u32, 90)).abs() < 1e-9, "{m}");
        }
    }

    #[test]
    fn a_slot_burden_for_three_places_by_hand() {
        // 10 in Geneva (UTC+1 in February), 4 in New York (UTC−5), 2 in Tokyo (UTC+9).
        let places = [
            place(1, "Geneva", "Europe/Zurich", 10),
            place(2, "New York", "America/New_York", 4),
            place(3, "Tokyo", "Asia/Tokyo", 2),
        ];
        // 12:00 UTC for 60 minutes on 10 February 2026: Geneva 13:00, New York 07:00, Tokyo 21:00.
        let q = query("2026-02-10", "2026-02-10", 60);
        let slots = find_slots(&places, &q, 48).unwrap();
        let noon = slots.iter().find(|s| s.start.hour() == 12 && s.start.minute() == 0).unwrap();
        assert_eq!(noon.burden, 0.0);
        // 11:00 UTC: New York 06:00–07:00 costs 4 × 1.5 = 6; Tokyo 20:00, Geneva 12:00 free.
        let eleven = slots.iter().find(|s| s.start.hour() == 11 && s.start.minute() == 0).unwrap();
        assert_eq!(eleven.burden, 6.0);
        assert_eq!(eleven.payers.len(), 1);
        assert_eq!(eleven.payers[0].place, "New York");
        assert_eq!(eleven.payers[0].local_start, "2026-02-10T06:00");
        assert_eq!(eleven.payers[0].part, DayPart::Night);
        assert_eq!(eleven.people_at_night, 4);
        // The best slots come first and have no burden at all.
        assert_eq!(slots[0].burden, 0.0);
        assert!(slots.windows(2).all(|w| w[0].burden <= w[1].burden));
    }

    #[test]
    fn weekends_are_skipped_in_each_local_zone() {
        // Friday 6 March 2026, 20:00 UTC is Saturday 09:00 in Apia.
        let places = [place(1, "Geneva", "Europe/Zurich", 5), place(2, "Apia", "Pacific/Apia", 5)];
        let mut q = query("2026-03-06", "2026-03-06", 60);
        q.skip_weekends = true;
        let slots = find_slots(&places, &q, 48).unwrap();
        assert!(
            slots.iter().all(|s| s.start.hour() < 11),
            "Apia's Saturday starts at 11:00 UTC Friday: {slots:#?}"
        );
        q.skip_weekends = false;
        assert!(find_slots(&places, &q, 48).unwrap().iter().any(|s| s.start.hour() >= 11));
    }

    #[test]
    fn summer_can_be_avoided() {
        let places = [place(1, "Geneva", "Europe/Zurich", 5)];
        let mut q = query("2026-06-29", "2026-09-02", 60);
        q.avoid_summer = true;
        let slots = find_slots(&places, &q, 10).unwrap();
        assert!(slots.iter().all(|s| !crate::cycle::is_summer(s.start.date_naive())));
        // Late on 31 August UTC it is already 1 September in Geneva: allowed.
        q.from = d("2026-07-01");
        q.to = d("2026-08-31");
        let late = find_slots(&places, &q, 48).unwrap();
        assert!(!late.is_empty());
        assert!(
            late.iter().all(|s| s.start >= "2026-08-31T22:00:00Z".parse::<DateTime<Utc>>().unwrap()),
            "{late:#?}"
        );
        q.to = d("2026-08-30");
        assert!(find_slots(&places, &q, 10).unwrap().is_empty());
    }

    #[test]
    fn dst_changes_inside_the_period_are_followed() {
        // Europe moves to summer time on 29 March 2026: 06:30 UTC is 07:30 CET before, 08:30 after.
        let places = [place(1, "Geneva", "Europe/Zurich", 1)];
        let mut seen = Vec::new();
        scan(&query("2026-03-28", "2026-03-30", 60), &places, |start, costs| {
            if start.hour() == 5 && start.minute() == 30 {
                seen.push((start.date_naive(), costs[0]));
            }
        })
        .unwrap();
        // 05:30 UTC: 06:30 CET (half an hour before 07:00) on the 28th, 07:30 CEST from the 29th.
        assert!(seen[0].1 > 0.0);
        assert_eq!(seen[1].1, 0.0);
        assert_eq!(seen[2].1, 0.0);
    }

    #[test]
    fn a_series_rotates_the_night() {
        // No start keeps New York, Delhi and Honolulu all inside 07:00–22:00.
        let places = [
            place(1, "New York", "America/New_York", 5),
            place(2, "Honolulu", "Pacific/Honolulu", 5),
            place(3, "Delhi", "Asia/Kolkata", 5),
        ];
        // Two hours: the only fit for all three, 01:30 UTC, lasts exactly 90 minutes.
        let q = query("2026-02-02", "2026-04-24", 120);
        let series = rotation(&places, &q, 3).unwrap();
        assert_eq!(series.len(), 3);
        assert!(series.iter().all(|s| !s.payers.is_empty()), "{series:#?}");
        let heaviest: Vec<&str> = series.iter().map(|s| s.payers[0].place.as_str()).collect();
        let distinct: std::collections::BTreeSet<&&str> = heaviest.iter().collect();
        assert!(distinct.len() >= 2, "the same place carried the night every time: {heaviest:?}");
        // Each meeting falls in its third of the period.
        assert!(series[0].start.date_naive() < d("2026-03-01"));
        assert!(series[2].start.date_naive() >= d("2026-03-27"));
    }

    #[test]
    fn bad_queries_are_refused() {
        let places = [place(1, "Geneva", "Europe/Zurich", 5)];
        assert!(find_slots(&places, &query("2026-03-10", "2026-03-01", 60), 5).is_err());
        assert!(find_slots(&places, &query("2026-03-01", "2026-03-10", 0), 5).is_err());
        let mut q = query("2026-03-01", "2026-03-10", 60);
        q.step_minutes = 7;
        assert!(find_slots(&places, &q, 5).is_err());
        assert!(
            find_slots(&[place(1, "Nowhere", "Mars/Base", 1)], &query("2026-03-01", "2026-03-02", 60), 5)
                .is_err()
        );
        assert!(
            find_slots(&[place(1, "Geneva", "Europe/Zurich", 0)], &query("2026-03-01", "2026-03-02", 60), 5)
                .is_err()
        );
    }
}
