//! The mailing list as evidence: threads, activity per week or month, subscribers over time,
//! and the "active list" verdict of the scorecard. Pure functions over what the store holds.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One archived message, as the statistics see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMessage {
    pub sent_at: Option<DateTime<Utc>>,
    pub from_address: String,
    pub from_name: String,
    pub subject: String,
    /// Normalised Message-ID, or empty.
    pub message_id: String,
    pub in_reply_to: String,
    pub references: Vec<String>,
}

/// The length of the periods figures are given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Granularity {
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
}

impl Granularity {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "month" => Some(Granularity::Month),
            "week" => Some(Granularity::Week),
            _ => None,
        }
    }

    /// The first day of the period holding `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Month => d.with_day(1).unwrap_or(d),
            Granularity::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Month => start.checked_add_months(chrono::Months::new(1)).unwrap_or(start),
            Granularity::Week => start + Duration::days(7),
        }
    }

    fn label(self, start: NaiveDate) -> String {
        match self {
            Granularity::Month => start.format("%Y-%m").to_string(),
            Granularity::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
        }
    }
}

/// The figures of one week or month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeriodFigures {
    /// `2026-03` or `2026-W10`.
    pub period: String,
    /// First day of the period.
    pub start: NaiveDate,
    pub messages: u32,
    /// Distinct people who posted.
    pub posters: u32,
    /// People whose first message in the whole archive falls in this period.
    pub new_posters: u32,
    /// Messages that start a thread.
    pub threads: u32,
    /// Messages that answer another.
    pub replies: u32,
    /// Messages from the coordinating team.
    pub team_messages: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TopThread {
    pub subject: String,
    /// Messages of the thread within the period.
    pub messages: u32,
    pub posters: u32,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TopPoster {
    pub name: String,
    /// Empty when the archive hides it.
    pub address: String,
    pub messages: u32,
    pub team: bool,
}

/// Activity of the list over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListStats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by: Granularity,
    pub periods: Vec<PeriodFigures>,
    pub messages: u32,
    pub posters: u32,
    pub new_posters: u32,
    pub threads: u32,
    pub replies: u32,
    pub team_messages: u32,
    /// Share of the period's messages from the coordinating team, 0–1 (0 with no messages).
    pub team_share: f64,
    pub top_threads: Vec<TopThread>,
    pub top_posters: Vec<TopPoster>,
    /// Messages in the archive without a usable date (in no period).
    pub undated: u32,
    /// Messages in the whole archive.
    pub archive_messages: u32,
    pub first_message: Option<DateTime<Utc>>,
    pub last_message: Option<DateTime<Utc>>,
}

/// `Re: [List] Re: Fwd: subject` → `fwd: subject` (reply prefixes and list tags removed, lower
/// case), and whether a reply prefix was there.
pub fn base_subject(subject: &str) -> (String, bool) {
    let mut s = subject.trim();
    let mut reply = false;
    loop {
        let before = s;
        if s.starts_with('[')
            && let Some(end) = s.find(']')
        {
            s = s[end + 1..].trim_start();
        }
        let lower = s.to_lowercase();
        for prefix in ["re:", "aw:", "sv:", "antw:", "réf:", "ref:"] {
            if lower.starts_with(prefix) {
                s = s[prefix.len()..].trim_start();
                reply = true;
                break;
            }
        }
        // `Re[2]:` and `Re(2):`
        if (lower.starts_with("re[") || lower.starts_with("re("))
            && let Some(colon) = s.find(':')
        {
            s = s[colon + 1..].trim_start();
            reply = true;
        }
        if s == before {
            break;
        }
    }
    (s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(), reply)
}

/// The thread structure: each message's parent (by In-Reply-To, then References, then a `Re:`
/// subject naming an earlier message) and root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threads {
    pub parent: Vec<Option<usize>>,
    pub root: Vec<usize>,
}

/// Builds threads over `messages` (any order).
pub fn threads(messages: &[ListMessage]) -> Threads {
    let n = messages.len();
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(n);
    for (i, m) in messages.iter().enumerate() {
        if !m.message_id.is_empty() {
            by_id.entry(m.message_id.as_str()).or_insert(i);
        }
    }
    // Chronological order for the subject fallback: the earliest message of a subject.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (messages[i].sent_at.is_none(), messages[i].sent_at, i));
    let mut first_of_subject: HashMap<String, usize> = HashMap::new();
    let mut parent = vec![None; n];
    for &i in &order {
        let m = &messages[i];
        let known = |id: &str| by_id.get(id).copied().filter(|&j| j != i);
        let mut p = (!m.in_reply_to.is_empty()).then(|| known(&m.in_reply_to)).flatten();
        if p.is_none() {
            p = m.references.iter().rev().find_map(|r| known(r));
        }
        let (base, reply) = base_subject(&m.subject);
        if p.is_none() && reply && !base.is_empty() {
            p = first_of_subject.get(&base).copied().filter(|&j| j != i);
        }
        parent[i] = p;
        if !base.is_empty() {
            first_of_subject.entry(base).or_insert(i);
        }
    }
    let mut root = vec![0; n];
    for (i, r) in root.iter_mut().enumerate() {
        let mut cur = i;
        let mut steps = 0;
        while let Some(p) = parent[cur] {
            cur = p;
            steps += 1;
            if steps > n {
                // A cycle (ids pointing at each other): the message is its own root.
                cur = i;
                break;
            }
        }
        *r = cur;
    }
    // A message in a cycle has no real parent.
    for i in 0..n {
        if root[i] == i {
            parent[i] = None;
        }
    }
    Threads { parent, root }
}

/// Who a message is from, as one key per person. The address, unless the archive does not show
/// the sender's own: no address, pipermail's `bogus@does.not.exist.com` placeholder, or an address
/// used under three or more names (the list itself, as in rewritten senders) — then the name.
pub fn poster_keys(messages: &[ListMessage]) -> Vec<String> {
    let mut names: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for m in messages {
        let name = m.from_name.trim().to_lowercase();
        if !name.is_empty() {
            names.entry(m.from_address.as_str()).or_default().insert(name);
        }
    }
    messages
        .iter()
        .map(|m| {
            let shared = names.get(m.from_address.as_str()).is_some_and(|s| s.len() >= 3);
            let hidden = m.from_address.is_empty() || m.from_address.starts_with("bogus@") || shared;
            if hidden {
                let name = m.from_name.trim().to_lowercase();
                if name.is_empty() { format!("unknown:{}", m.from_address) } else { format!("name:{name}") }
            } else {
                format!("addr:{}", m.from_address)
            }
        })
        .collect()
}

/// A thread's messages, posters, first and last message within the period.
type ThreadTally<'a> = (u32, BTreeSet<&'a str>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// How a team member is recognised among posters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamPoster {
    pub name: String,
    pub email: String,
}

/// Activity statistics of `messages` from `from` to `to` (inclusive), by month or week.
pub fn list_stats(
    messages: &[ListMessage],
    team: &[TeamPoster],
    from: NaiveDate,
    to: NaiveDate,
    by: Granularity,
    top: usize,
) -> ListStats {
    let threads = threads(messages);
    let keys = poster_keys(messages);
    let team_addresses: BTreeSet<String> =
        team.iter().map(|t| t.email.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
    let team_names: BTreeSet<String> =
        team.iter().map(|t| t.name.trim().to_lowercase()).filter(|n| !n.is_empty()).collect();
    let is_team = |i: usize| {
        let m = &messages[i];
        team_addresses.contains(&m.from_address)
            || (keys[i].starts_with("name:") && team_names.contains(&m.from_name.trim().to_lowercase()))
    };
    // First message of every poster in the whole archive.
    let mut first_seen: HashMap<&str, DateTime<Utc>> = HashMap::new();
    for (i, m) in messages.iter().enumerate() {
        if let Some(t) = m.sent_at {
            let e = first_seen.entry(keys[i].as_str()).or_insert(t);
            if t < *e {
                *e = t;
            }
        }
    }
    let mut periods: BTreeMap<NaiveDate, (PeriodFigures, BTreeSet<&str>)> = BTreeMap::new();
    let mut start = by.start_of(from);
    while start <= to {
        let fig = PeriodFigures {
            period: by.label(start),
            start,
            messages: 0,
            posters: 0,
            new_posters: 0,
            threads: 0,
            replies: 0,
            team_messages: 0,
        };
        periods.insert(start, (fig, BTreeSet::new()));
        start = by.next(start);
    }
    let mut posters: BTreeSet<&str> = BTreeSet::new();
    let mut new_posters: BTreeSet<&str> = BTreeSet::new();
    let mut thread_counts: HashMap<usize, ThreadTally<'_>> = HashMap::new();
    let mut poster_counts: HashMap<&str, (u32, usize)> = HashMap::new();
    let (mut total, mut threads_started, mut replies, mut team_total) = (0u32, 0u32, 0u32, 0u32);
    for (i, m) in messages.iter().enumerate() {
        let Some(t) = m.sent_at else { continue };
        let day = t.date_naive();
        if day < from || day > to {
            continue;
        }
        let Some((fig, who)) = periods.get_mut(&by.start_of(day)) else { continue };
        let key = keys[i].as_str();
        fig.messages += 1;
        total += 1;
        who.insert(key);
        posters.insert(key);
        if first_seen.get(key) == Some(&t) && new_posters.insert(key) {
            fig.new_posters += 1;
        }
        if threads.parent[i].is_some() {
            fig.replies += 1;
            replies += 1;
        } else {
            fig.threads += 1;
            threads_started += 1;
        }
        if is_team(i) {
            fig.team_messages += 1;
            team_total += 1;
        }
        let e = thread_counts.entry(threads.root[i]).or_default();
        e.0 += 1;
        e.1.insert(key);
        e.2 = Some(e.2.map_or(t, |x| x.min(t)));
        e.3 = Some(e.3.map_or(t, |x| x.max(t)));
        let p = poster_counts.entry(key).or_insert((0, i));
        p.0 += 1;
    }
    let mut top_threads: Vec<TopThread> = thread_counts
        .into_iter()
        .map(|(root, (n, who, first, last))| TopThread {
            subject: messages[root].subject.clone(),
            messages: n,
            posters: who.len() as u32,
            first,
            last,
        })
        .collect();
    top_threads.sort_by(|a, b| b.messages.cmp(&a.messages).then(a.first.cmp(&b.first)));
    top_threads.truncate(top);
    let mut top_posters: Vec<TopPoster> = poster_counts
        .into_iter()
        .map(|(key, (n, i))| TopPoster {
            name: messages[i].from_name.clone(),
            address: if key.starts_with("addr:") { messages[i].from_address.clone() } else { String::new() },
            messages: n,
            team: is_team(i),
        })
        .collect();
    top_posters.sort_by(|a, b| b.messages.cmp(&a.messages).then(a.name.cmp(&b.name)));
    top_posters.truncate(top);
    let dated: Vec<DateTime<Utc>> = messages.iter().filter_map(|m| m.sent_at).collect();
    ListStats {
        from,
        to,
        by,
        periods: periods
            .into_values()
            .map(|(mut f, who)| {
                f.posters = who.len() as u32;
                f
            })
            .collect(),
        messages: total,
        posters: posters.len() as u32,
        new_posters: new_posters.len() as u32,
        threads: threads_started,
        replies,
        team_messages: team_total,
        team_share: if total == 0 { 0.0 } else { f64::from(team_total) / f64::from(total) },
        top_threads,
        top_posters,
        undated: messages.iter().filter(|m| m.sent_at.is_none()).count() as u32,
        archive_messages: messages.len() as u32,
        first_message: dated.iter().min().copied(),
        last_message: dated.iter().max().copied(),
    }
}

/// A dated copy of the member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Snapshot {
    #[ts(type = "number")]
    pub id: i64,
    pub taken_on: NaiveDate,
    /// The file it was read from.
    pub source: String,
    pub subscribers: u32,
    /// Compared with the snapshot before it (none for the first).
    pub joined: Option<u32>,
    pub left: Option<u32>,
}

/// Joined and left between consecutive snapshots, given each snapshot's addresses in date order.
pub fn subscriber_changes(members: &[BTreeSet<String>]) -> Vec<(Option<u32>, Option<u32>)> {
    members
        .iter()
        .enumerate()
        .map(|(i, now)| match i.checked_sub(1).map(|j| &members[j]) {
            None => (None, None),
            Some(before) => {
                (Some(now.difference(before).count() as u32), Some(before.difference(now).count() as u32))
            }
        })
        .collect()
}

/// The thresholds of an active list, kept in the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListThresholds {
    pub min_subscribers: u32,
    pub min_messages_per_month: u32,
}

impl Default for ListThresholds {
    fn default() -> Self {
        ListThresholds { min_subscribers: 100, min_messages_per_month: 8 }
    }
}

/// Met, not met, or not known for want of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Verdict {
    Met,
    NotMet,
    NoEvidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthVerdict {
    pub period: String,
    pub messages: u32,
    pub met: bool,
}

/// The scorecard's "active mailing list", with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListVerdict {
    pub thresholds: ListThresholds,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub months: Vec<MonthVerdict>,
    pub months_met: u32,
    pub average_per_month: f64,
    pub posters: u32,
    /// The latest snapshot taken on or before `to`, if any.
    pub subscribers: Option<u32>,
    pub subscribers_on: Option<NaiveDate>,
    pub subscribers_verdict: Verdict,
    pub traffic_verdict: Verdict,
    pub overall: Verdict,
    /// A sentence for a proposal, e.g. "412 subscribers on 1 October 2026; 37 messages a month
    /// on average from March to October 2026 from 58 distinct posters."
    pub sentence: String,
}

/// The verdict from monthly figures (`stats` by month) and the snapshots.
pub fn list_verdict(stats: &ListStats, snapshots: &[Snapshot], thresholds: ListThresholds) -> ListVerdict {
    let months: Vec<MonthVerdict> = stats
        .periods
        .iter()
        .map(|p| MonthVerdict {
            period: p.period.clone(),
            messages: p.messages,
            met: p.messages >= thresholds.min_messages_per_month,
        })
        .collect();
    let n = months.len().max(1) as f64;
    let average = f64::from(stats.messages) / n;
    let latest = snapshots.iter().filter(|s| s.taken_on <= stats.to).max_by_key(|s| s.taken_on);
    let subscribers_verdict = match latest {
        None => Verdict::NoEvidence,
        Some(s) if s.subscribers >= thresholds.min_subscribers => Verdict::Met,
        Some(_) => Verdict::NotMet,
    };
    let traffic_verdict = if stats.archive_messages == 0 {
        Verdict::NoEvidence
    } else if average >= f64::from(thresholds.min_messages_per_month) {
        Verdict::Met
    } else {
        Verdict::NotMet
    };
    let overall = match (subscribers_verdict, traffic_verdict) {
        (Verdict::NotMet, _) | (_, Verdict::NotMet) => Verdict::NotMet,
        (Verdict::Met, Verdict::Met) => Verdict::Met,
        _ => Verdict::NoEvidence,
    };
    let span = |a: NaiveDate, b: NaiveDate| {
        if (a.year(), a.month()) == (b.year(), b.month()) {
            format!("in {}", b.format("%B %Y"))
        } else if a.year() == b.year() {
            format!("from {} to {} {}", a.format("%B"), b.format("%B"), b.year())
        } else {
            format!("from {} to {}", a.format("%B %Y"), b.format("%B %Y"))
        }
    };
    let traffic = format!(
        "{} message{} a month on average {} from {} distinct poster{}",
        round_figure(average),
        if (average - 1.0).abs() < f64::EPSILON { "" } else { "s" },
        span(stats.from, stats.to),
        stats.posters,
        if stats.posters == 1 { "" } else { "s" }
    );
    let sentence = match latest {
        Some(s) => format!(
            "{} subscriber{} on {}; {traffic}.",
            s.subscribers,
            if s.subscribers == 1 { "" } else { "s" },
            s.taken_on.format("%-d %B %Y")
        ),
        None => format!("{traffic}."),
    };
    let sentence = capitalise(&sentence);
    ListVerdict {
        thresholds,
        from: stats.from,
        to: stats.to,
        months_met: months.iter().filter(|m| m.met).count() as u32,
        months,
        average_per_month: average,
        posters: stats.posters,
        subscribers: latest.map(|s| s.subscribers),
        subscribers_on: latest.map(|s| s.taken_on),
        subscribers_verdict,
        traffic_verdict,
        overall,
        sentence,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// 37 → "37", 4.25 → "4.3", 0.5 → "0.5".
fn round_figure(x: f64) -> String {
    if x >= 10.0 || (x - x.round()).abs() < 0.05 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn msg(day: (i32, u32, u32), from: &str, subject: &str, id: &str, reply_to: &str) -> ListMessage {
        ListMessage {
            sent_at: Some(Utc.with_ymd_and_hms(day.0, day.1, day.2, 12, 0, 0).unwrap()),
            from_address: from.to_string(),
            from_name: from.split('@').next().unwrap_or("").to_string(),
            subject: subject.to_string(),
            message_id: id.to_string(),
            in_reply_to: reply_to.to_string(),
            references: Vec::new(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn subjects() {
        assert_eq!(base_subject("Re: [BPF] RE: Re[2]:  Draft  plan"), ("draft plan".into(), true));
        assert_eq!(base_subject("[BPF] Draft plan"), ("draft plan".into(), false));
        assert_eq!(base_subject("Fwd: x"), ("fwd: x".into(), false));
    }

    #[test]
    fn threads_by_id_references_and_subject() {
        let mut m = vec![
            msg((2026, 3, 1), "a@x.org", "Plan", "1@x", ""),
            msg((2026, 3, 2), "b@x.org", "Re: Plan", "2@x", "1@x"),
            msg((2026, 3, 3), "c@x.org", "Re: Plan", "3@x", "jane@x.org"),
            msg((2026, 3, 4), "d@x.org", "Other", "4@x", ""),
            msg((2026, 3, 5), "a@x.org", "Re: Other", "5@x", ""),
        ];
        m[4].references = vec!["nope@x".into(), "4@x".into()];
        let t = threads(&m);
        assert_eq!(t.parent, vec![None, Some(0), Some(0), None, Some(3)]);
        assert_eq!(t.root, vec![0, 0, 0, 3, 3]);
        // A cycle of ids does not hang and leaves no parent.
        let c =
            vec![msg((2026, 3, 1), "a@x", "x", "1@x", "2@x"), msg((2026, 3, 2), "b@x", "y", "2@x", "1@x")];
        let t = threads(&c);
        assert!(t.root.iter().enumerate().all(|(i, r)| *r == i || t.parent[i].is_some()));
    }

    #[test]
    fn stats_by_month_with_new_posters_and_team() {
        let m = vec![
            msg((2026, 2, 20), "a@x.org", "Early", "0@x", ""),
            msg((2026, 3, 1), "a@x.org", "Plan", "1@x", ""),
            msg((2026, 3, 2), "b@x.org", "Re: Plan", "2@x", "1@x"),
            msg((2026, 4, 3), "b@x.org", "Re: Plan", "3@x", "2@x"),
            msg((2026, 4, 4), "c@x.org", "Other", "4@x", ""),
        ];
        let team = [TeamPoster { name: "B".into(), email: "B@x.org".into() }];
        let s = list_stats(&m, &team, d(2026, 3, 1), d(2026, 4, 30), Granularity::Month, 5);
        assert_eq!(s.periods.len(), 2);
        let p = &s.periods;
        assert_eq!(
            (p[0].messages, p[0].posters, p[0].new_posters, p[0].threads, p[0].replies),
            (2, 2, 1, 1, 1)
        );
        assert_eq!(
            (p[1].messages, p[1].posters, p[1].new_posters, p[1].threads, p[1].replies),
            (2, 2, 1, 1, 1)
        );
        assert_eq!((s.messages, s.posters, s.team_messages), (4, 3, 2));
        assert!((s.team_share - 0.5).abs() < 1e-9);
        assert_eq!(s.top_threads[0].subject, "Plan");
        assert_eq!(s.top_threads[0].messages, 3);
        assert_eq!(s.top_posters[0].address, "b@x.org");
        assert!(s.top_posters[0].team);
        assert_eq!(s.archive_messages, 5);
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let m = vec![msg((2026, 3, 1), "a@x", "x", "1@x", ""), msg((2026, 3, 2), "a@x", "y", "2@x", "")];
        let s = list_stats(&m, &[], d(2026, 3, 1), d(2026, 3, 8), Granularity::Week, 5);
        // 1 March 2026 is a Sunday: week 9; Monday 2 March starts week 10.
        assert_eq!(s.periods.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), ["2026-W09", "2026-W10"]);
        assert_eq!(s.periods[0].messages, 1);
    }

    #[test]
    fn shared_list_address_counts_posters_by_name() {
        let mut m: Vec<ListMessage> =
            (1..=3).map(|i| msg((2026, 3, i), "list@x.org", "x", &format!("{i}@x"), "")).collect();
        for (i, name) in ["Ann", "Bob", "Cy"].iter().enumerate() {
            m[i].from_name = (*name).into();
        }
        let keys = poster_keys(&m);
        assert_eq!(keys, ["name:ann", "name:bob", "name:cy"]);
    }

    #[test]
    fn verdict_and_sentence() {
        let m: Vec<ListMessage> = (0..40)
            .map(|i| {
                msg(
                    (2026, 3 + (i % 8) as u32, 1 + (i / 8) as u32),
                    &format!("p{}@x", i % 7),
                    "t",
                    &format!("{i}@x"),
                    "",
                )
            })
            .collect();
        let s = list_stats(&m, &[], d(2026, 3, 1), d(2026, 10, 31), Granularity::Month, 5);
        let snap = Snapshot {
            id: 1,
            taken_on: d(2026, 10, 1),
            source: "members.csv".into(),
            subscribers: 412,
            joined: None,
            left: None,
        };
        let v = list_verdict(&s, std::slice::from_ref(&snap), ListThresholds::default());
        assert_eq!(v.months.len(), 8);
        assert_eq!(v.average_per_month, 5.0);
        assert_eq!(v.traffic_verdict, Verdict::NotMet);
        assert_eq!(v.subscribers_verdict, Verdict::Met);
        assert_eq!(v.overall, Verdict::NotMet);
        assert_eq!(
            v.sentence,
            "412 subscribers on 1 October 2026; 5 messages a month on average from March to October 2026 from 7 distinct posters."
        );
        let v = list_verdict(&s, &[], ListThresholds { min_subscribers: 10, min_messages_per_month: 5 });
        assert_eq!(
            (v.traffic_verdict, v.subscribers_verdict, v.overall),
            (Verdict::Met, Verdict::NoEvidence, Verdict::NoEvidence)
        );
        assert!(v.sentence.starts_with("5 messages a month"), "{}", v.sentence);
        let one = list_stats(&m, &[], d(2026, 7, 1), d(2026, 7, 31), Granularity::Month, 5);
        let v = list_verdict(&one, &[], ListThresholds::default());
        assert_eq!(v.sentence, "5 messages a month on average in July 2026 from 5 distinct posters.");
    }

    #[test]
    fn joined_and_left() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let ch = subscriber_changes(&[set(&["a", "b"]), set(&["b", "c", "d"]), set(&["d"])]);
        assert_eq!(ch, vec![(None, None), (Some(2), Some(1)), (Some(0), Some(2))]);
    }
}
