//! Reading meeting attendance reports: the participants CSV of the Zoom web portal, or any CSV
//! whose columns the user maps. Repeated joins of one person are merged (the union of their
//! time in the meeting). A malformed file is refused whole, with the line and the reason.

use std::collections::BTreeMap;

use bpf_domain::meeting::Attendee;
use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};

pub mod comments;
pub mod people;
pub mod table;
use chrono_tz::Tz;

/// What went wrong with a report. Messages are sentences for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "no participant list found: the file has no header with a name, a join time and a leave time (columns seen: {0})"
    )]
    NoHeader(String),
    #[error("line {line}: {reason}")]
    Line { line: u64, reason: String },
    #[error("the file lists no participant")]
    NoRows,
    #[error("the file is not a CSV table: {0}")]
    Csv(String),
}

/// Which column holds what (0-based), for a generic CSV whose first row is its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub name: usize,
    pub email: Option<usize>,
    pub join: usize,
    pub leave: usize,
    pub guest: Option<usize>,
}

/// The attendance read from a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub attendees: Vec<Attendee>,
    /// Participant rows read (before merging repeated joins).
    pub rows: usize,
}

/// Decodes a report: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, the
/// encoding of Excel-saved CSV on Western Windows.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn norm(h: &str) -> String {
    h.trim().to_lowercase()
}

/// The first non-empty row of a CSV report: the headers a user maps columns from.
pub fn first_row(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv(e.to_string()))?;
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().any(|f| !f.is_empty()) {
            return Ok(fields);
        }
    }
    Err(ImportError::Empty)
}

/// Reads a column mapping `name=COL,join=COL,leave=COL[,email=COL][,guest=COL]`, where COL is
/// a header of `header` (case-insensitive) or a 1-based column number.
pub fn parse_mapping(spec: &str, header: &[String]) -> Result<Columns, String> {
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, col) = part.split_once('=').ok_or_else(|| format!("\"{part}\" is not KEY=COLUMN"))?;
        let key = match key.trim().to_lowercase().as_str() {
            "name" => "name",
            "email" | "e-mail" => "email",
            "join" => "join",
            "leave" => "leave",
            "guest" => "guest",
            other => return Err(format!("unknown field \"{other}\": use name, email, join, leave or guest")),
        };
        let col = col.trim();
        let index = match col.parse::<usize>() {
            Ok(n) if n >= 1 && n <= header.len() => n - 1,
            Ok(n) => return Err(format!("column {n} does not exist: the file has {} columns", header.len())),
            Err(_) => header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(col))
                .ok_or_else(|| format!("no column \"{col}\" (columns: {})", header.join(", ")))?,
        };
        found.insert(key, index);
    }
    let need = |k: &str| found.get(k).copied().ok_or_else(|| format!("the mapping needs {k}=COLUMN"));
    let columns = Columns {
        name: need("name")?,
        join: need("join")?,
        leave: need("leave")?,
        email: found.get("email").copied(),
        guest: found.get("guest").copied(),
    };
    columns.check(header)?;
    Ok(columns)
}

impl Columns {
    /// The fields with their names for people, in the order a form shows them.
    fn fields(&self) -> [(&'static str, Option<usize>); 5] {
        [
            ("name", Some(self.name)),
            ("e-mail", self.email),
            ("join time", Some(self.join)),
            ("leave time", Some(self.leave)),
            ("guest", self.guest),
        ]
    }

    /// Checks the mapping against a report's header: every column exists and none holds two fields.
    pub fn check(&self, header: &[String]) -> Result<(), String> {
        let label = |i: usize| match header.get(i).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => format!("\"{h}\""),
            _ => format!("{}", i + 1),
        };
        let fields = self.fields();
        for (k, (field, col)) in fields.iter().enumerate() {
            let Some(i) = *col else { continue };
            if i >= header.len() {
                return Err(format!(
                    "column {} for the {field} does not exist: the file has {} columns",
                    i + 1,
                    header.len()
                ));
            }
            if let Some((other, _)) = fields[..k].iter().find(|(_, c)| *c == Some(i)) {
                return Err(format!("column {} is chosen for both the {other} and the {field}", label(i)));
            }
        }
        Ok(())
    }
}

/// Finds the columns of a participants header, Zoom's names and common variants.
pub fn detect_columns(header: &[String]) -> Option<Columns> {
    let find = |pred: &dyn Fn(&str) -> bool| header.iter().position(|h| pred(&norm(h)));
    let name = find(&|h| h.starts_with("name") || h == "participant" || h == "full name")?;
    let join = find(&|h| h.starts_with("join time") || h == "join" || h == "joined")?;
    let leave = find(&|h| h.starts_with("leave time") || h == "leave" || h == "left")?;
    let email = find(&|h| h.contains("email") || h.contains("e-mail"));
    let guest = find(&|h| h == "guest");
    Some(Columns { name, email, join, leave, guest })
}

/// Whether the report has a participants table the app finds by itself (Zoom's report and
/// common variants), anywhere in the file; otherwise its columns need mapping.
pub fn has_participant_header(bytes: &[u8]) -> bool {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    reader.records().map_while(Result::ok).any(|r| {
        let fields: Vec<String> = r.iter().map(|f| f.trim().to_string()).collect();
        detect_columns(&fields).is_some()
    })
}

/// The start of a report, for a person to map its columns: the header (its first non-empty
/// row), the first data rows, and how many data rows there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub row_count: usize,
}

/// Reads the header and the first `max_rows` data rows of a report (blank rows skipped).
pub fn preview(bytes: &[u8], max_rows: usize) -> Result<Preview, ImportError> {
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut row_count = 0;
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv(e.to_string()))?;
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if header.is_none() {
            header = Some(fields);
            continue;
        }
        row_count += 1;
        if rows.len() < max_rows {
            rows.push(fields);
        }
    }
    let header = header.ok_or(ImportError::Empty)?;
    if row_count == 0 {
        return Err(ImportError::NoRows);
    }
    Ok(Preview { header, rows, row_count })
}

/// Columns proposed for a report's fields, each column at most once; `None` where nothing fits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Suggestion {
    pub name: Option<usize>,
    pub email: Option<usize>,
    pub join: Option<usize>,
    pub leave: Option<usize>,
    pub guest: Option<usize>,
}

/// The words of a header, lowercase ("E-mail address" → ["email", "address"]).
fn header_words(h: &str) -> Vec<String> {
    let h = h.to_lowercase().replace("e-mail", "email");
    h.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Proposes a column for each field from the header's words, then from the sample rows' values
/// (an address with `@`, times, a name-like text), so a person only has to confirm.
pub fn suggest_columns(header: &[String], sample: &[Vec<String>]) -> Suggestion {
    const EMAIL: &[&str] = &["email", "mail"];
    const JOIN: &[&str] = &[
        "join",
        "joined",
        "joining",
        "arrived",
        "arrival",
        "arrive",
        "entered",
        "entry",
        "in",
        "start",
        "started",
        "from",
        "login",
        "connected",
    ];
    const LEAVE: &[&str] = &[
        "leave",
        "left",
        "leaving",
        "departed",
        "departure",
        "depart",
        "exit",
        "exited",
        "out",
        "end",
        "ended",
        "until",
        "logout",
        "disconnected",
    ];
    const GUEST: &[&str] = &["guest", "external", "visitor"];
    const NAME: &[&str] =
        &["name", "participant", "attendee", "person", "who", "member", "display", "user", "full"];

    let words: Vec<Vec<String>> = header.iter().map(|h| header_words(h)).collect();
    let values = |i: usize| sample.iter().filter_map(move |r| r.get(i)).filter(|v| !v.is_empty());
    let is_time = |i: usize| {
        let mut vals = values(i).peekable();
        vals.peek().is_some() && vals.all(|v| parse_time(v, &chrono_tz::UTC).is_ok())
    };
    let is_email = |i: usize| {
        let mut vals = values(i).peekable();
        vals.peek().is_some() && vals.all(|v| v.contains('@') && !v.contains(' '))
    };
    let mut used = vec![false; header.len()];
    let take = |used: &mut Vec<bool>, pick: &dyn Fn(usize) -> bool| {
        let i = (0..header.len()).find(|&i| !used[i] && pick(i))?;
        used[i] = true;
        Some(i)
    };
    let named = |keys: &'static [&'static str]| {
        let words = &words;
        move |i: usize| words[i].iter().any(|w| keys.contains(&w.as_str()))
    };
    // The most telling first: e-mail ("User Email" is not a name), then times, guest, name.
    let email = take(&mut used, &|i| named(EMAIL)(i) && !is_time(i));
    let join = take(&mut used, &|i| named(JOIN)(i) && !named(LEAVE)(i));
    let leave = take(&mut used, &|i| named(LEAVE)(i));
    let guest = take(&mut used, &named(GUEST));
    let name = take(&mut used, &|i| named(NAME)(i) && !is_time(i) && !is_email(i));
    let mut s = Suggestion { name, email, join, leave, guest };
    // Then by the values.
    if s.email.is_none() {
        s.email = take(&mut used, &is_email);
    }
    if s.join.is_none() {
        s.join = take(&mut used, &is_time);
    }
    if s.leave.is_none() {
        s.leave = take(&mut used, &is_time);
    }
    if s.name.is_none() {
        s.name = take(&mut used, &|i| {
            let mut vals = values(i).peekable();
            vals.peek().is_some()
                && vals.all(|v| v.chars().any(char::is_alphabetic) && !v.contains('@'))
                && !is_time(i)
        });
    }
    s
}

const TIME_FORMATS: &[&str] = &[
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
];

/// Parses a report time, given in `zone` (Zoom writes the account's zone, not UTC).
fn parse_time(s: &str, zone: &Tz) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&Utc));
    }
    let naive =
        TIME_FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(t, f).ok()).ok_or_else(|| {
            format!("\"{t}\" is not a time (expected e.g. 03/04/2026 02:01:13 PM or 2026-03-04 14:01:13)")
        })?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(dt) => Ok(dt.with_timezone(&Utc)),
        // A repeated hour: the earlier reading; a skipped hour cannot appear in a real report.
        LocalResult::Ambiguous(a, _) => Ok(a.with_timezone(&Utc)),
        LocalResult::None => Err(format!("\"{t}\" does not exist in {}", zone.name())),
    }
}

fn guest_flag(s: &str) -> bool {
    matches!(norm(s).as_str(), "yes" | "true" | "1" | "y")
}

/// Total minutes covered by a set of intervals (overlaps counted once).
fn union_minutes(mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)>) -> u32 {
    spans.sort();
    let mut total = 0i64;
    let mut current: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for (a, b) in spans {
        match current {
            Some((ca, cb)) if a <= cb => current = Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                total += (cb - ca).num_seconds();
                current = Some((a, b));
            }
            None => current = Some((a, b)),
        }
    }
    if let Some((a, b)) = current {
        total += (b - a).num_seconds();
    }
    // A stay of absurd length (a mistyped year) saturates instead of wrapping around.
    u32::try_from((total.max(0) + 30) / 60).unwrap_or(u32::MAX)
}

/// The line on which each record starts. The csv reader's own line count (and byte offset) stops
/// one short after a CRLF line end, the line end of every report saved on Windows and of Zoom's.
struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text: text.as_bytes(), pos: 0, line: 1 }
    }

    /// The line of the record whose reading began at byte `start` (records come in order).
    fn of(&mut self, start: u64) -> u64 {
        let mut at = usize::try_from(start).unwrap_or(usize::MAX).min(self.text.len());
        // The reader's start can lie on the line end before the record: the record begins after it.
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > self.pos {
            self.line += self.text[self.pos..at].iter().filter(|&&b| b == b'\n').count() as u64;
            self.pos = at;
        }
        self.line
    }
}

/// One person's rows while reading: name, e-mail, guest flag, and time spans in the meeting.
type Person = (String, String, bool, Vec<(DateTime<Utc>, DateTime<Utc>)>);

/// Reads an attendance report. `columns` maps a generic CSV; `None` detects the participants
/// table (Zoom's report, possibly after its meeting-summary block). Times without an offset are
/// read in `zone`.
pub fn read_attendance(bytes: &[u8], columns: Option<Columns>, zone: &Tz) -> Result<Attendance, ImportError> {
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut cols = columns;
    let mut seen_header: Vec<String> = Vec::new();
    // Person key → (name, email, guest, spans).
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut rows = 0usize;
    let mut header_skipped = false;
    let mut lines = Lines::new(&text);
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv(e.to_string()))?;
        let line = record.position().map_or(0, |p| lines.of(p.byte()));
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        let Some(c) = cols else {
            // Still looking for the participants header.
            if let Some(found) = detect_columns(&fields) {
                cols = Some(found);
            } else if seen_header.is_empty() {
                seen_header = fields;
            }
            continue;
        };
        if columns.is_some() && !header_skipped {
            // A mapped file's first row is the header its columns were chosen from.
            header_skipped = true;
            continue;
        }
        let get = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
        let max = [Some(c.name), Some(c.join), Some(c.leave)].into_iter().flatten().max().unwrap_or(0);
        if fields.len() <= max {
            return Err(ImportError::Line {
                line,
                reason: format!("{} columns where at least {} are needed", fields.len(), max + 1),
            });
        }
        let name = get(c.name).to_string();
        if name.is_empty() {
            return Err(ImportError::Line { line, reason: "the name is empty".into() });
        }
        let join = parse_time(get(c.join), zone).map_err(|reason| ImportError::Line { line, reason })?;
        let leave = parse_time(get(c.leave), zone).map_err(|reason| ImportError::Line { line, reason })?;
        if leave < join {
            return Err(ImportError::Line { line, reason: format!("{name} leaves before joining") });
        }
        let email = c.email.map(|i| get(i).to_lowercase()).unwrap_or_default();
        let guest = c.guest.is_some_and(|i| guest_flag(get(i)));
        let key =
            if email.is_empty() { format!("name:{}", name.to_lowercase()) } else { format!("email:{email}") };
        let entry = people.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            (name.clone(), email.clone(), guest, Vec::new())
        });
        entry.2 &= guest;
        entry.3.push((join, leave));
        rows += 1;
    }
    if cols.is_none() {
        return Err(ImportError::NoHeader(seen_header.join(", ")));
    }
    if rows == 0 {
        return Err(ImportError::NoRows);
    }
    let attendees = order
        .into_iter()
        .filter_map(|k| people.remove(&k))
        .map(|(name, email, guest, spans)| Attendee {
            name,
            email,
            guest,
            joins: spans.len() as u32,
            first_join: spans.iter().map(|s| s.0).min().unwrap_or_default(),
            last_leave: spans.iter().map(|s| s.1).max().unwrap_or_default(),
            minutes: union_minutes(spans),
            team_member_id: None,
        })
        .collect();
    Ok(Attendance { attendees, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geneva() -> Tz {
        "Europe/Zurich".parse().unwrap()
    }

    /// A participants report as the Zoom web portal exports it: a meeting summary block, a blank
    /// line, then one row per join.
    const ZOOM: &str = "\u{feff}Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n\
        812 3456 7890,BPF Cybersecurity OVM 1,03/04/2026 01:55:02 PM,03/04/2026 03:31:40 PM,bpf@example.org,97,4\r\n\
        \r\n\
        Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n\
        Ben Wallis,ben@example.org,03/04/2026 01:55:02 PM,03/04/2026 03:31:40 PM,97,No,Y\r\n\
        Ana Ruiz (Ana's iPhone),ana@example.org,03/04/2026 02:00:10 PM,03/04/2026 02:40:10 PM,40,Yes,Y\r\n\
        Ana Ruiz,ANA@example.org,03/04/2026 02:35:10 PM,03/04/2026 03:30:10 PM,55,Yes,Y\r\n\
        \"Kumar, Sheetal\",,03/04/2026 02:01:00 PM,03/04/2026 02:31:00 PM,30,Yes,Y\r\n";

    #[test]
    fn an_absurd_stay_saturates_instead_of_wrapping() {
        let t = |y: i32| {
            chrono::NaiveDate::from_ymd_opt(y, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc())
        };
        let (Some(from), Some(to)) = (t(1), t(9999)) else { panic!("dates") };
        assert_eq!(union_minutes(vec![(from, to)]), u32::MAX);
        let (Some(a), Some(b)) = (t(2026), t(2026).map(|d| d + chrono::Duration::minutes(97))) else {
            panic!("dates")
        };
        assert_eq!(union_minutes(vec![(a, b)]), 97);
    }

    #[test]
    fn a_zoom_report_with_a_summary_block_bom_and_repeated_joins() {
        let a = read_attendance(ZOOM.as_bytes(), None, &geneva()).unwrap();
        assert_eq!(a.rows, 4);
        assert_eq!(a.attendees.len(), 3);
        let ben = &a.attendees[0];
        assert_eq!((ben.name.as_str(), ben.minutes, ben.joins, ben.guest), ("Ben Wallis", 97, 1, false));
        // 14:00:10 to 15:30:10 local with an overlap: 90 minutes, not 40 + 55.
        let ana = &a.attendees[1];
        assert_eq!((ana.email.as_str(), ana.minutes, ana.joins, ana.guest), ("ana@example.org", 90, 2, true));
        assert_eq!(ana.first_join.to_rfc3339(), "2026-03-04T13:00:10+00:00");
        let sheetal = &a.attendees[2];
        assert_eq!(
            (sheetal.name.as_str(), sheetal.email.as_str(), sheetal.minutes),
            ("Kumar, Sheetal", "", 30)
        );
    }

    #[test]
    fn a_windows_1252_file_keeps_its_accents() {
        let mut bytes = b"Name,Email,Join time,Leave time,Duration (minutes),Guest\r\n".to_vec();
        // "Jos\xe9 Mu\xf1oz" in Windows-1252.
        bytes.extend_from_slice(
            b"Jos\xe9 Mu\xf1oz,jose@example.org,2026-03-04 14:00:00,2026-03-04 15:00:00,60,No\r\n",
        );
        let a = read_attendance(&bytes, None, &geneva()).unwrap();
        assert_eq!(a.attendees[0].name, "José Muñoz");
        assert_eq!(a.attendees[0].minutes, 60);
    }

    #[test]
    fn a_generic_csv_with_mapped_columns() {
        let csv = "Who;When in;When out\nMaria;2026-03-04T13:00:00Z;2026-03-04T14:00:00Z\n".replace(';', ",");
        let cols = Columns { name: 0, email: None, join: 1, leave: 2, guest: None };
        let a = read_attendance(csv.as_bytes(), Some(cols), &geneva()).unwrap();
        assert_eq!(a.attendees[0].minutes, 60);
        assert_eq!(a.attendees[0].first_join.to_rfc3339(), "2026-03-04T13:00:00+00:00");
    }

    #[test]
    fn a_mapping_by_header_name_or_number() {
        let header: Vec<String> = ["Who", "Mail", "In", "Out"].iter().map(|s| s.to_string()).collect();
        let c = parse_mapping("name=Who, email=2, join=in, leave=4", &header).unwrap();
        assert_eq!(c, Columns { name: 0, email: Some(1), join: 2, leave: 3, guest: None });
        assert_eq!(parse_mapping("name=Who,join=In", &header).unwrap_err(), "the mapping needs leave=COLUMN");
        assert!(
            parse_mapping("name=Nope,join=In,leave=Out", &header)
                .unwrap_err()
                .starts_with("no column \"Nope\"")
        );
        assert!(
            parse_mapping("name=9,join=In,leave=Out", &header)
                .unwrap_err()
                .contains("the file has 4 columns")
        );
        assert!(parse_mapping("who=1", &header).unwrap_err().starts_with("unknown field"));
        assert_eq!(first_row(b"\n\nWho,Mail\nx,y\n").unwrap(), vec!["Who".to_string(), "Mail".to_string()]);
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_mapping_never_uses_a_column_twice() {
        let header = strings(&["Who", "Mail", "In", "Out"]);
        assert_eq!(
            parse_mapping("name=1,email=1,join=3,leave=4", &header).unwrap_err(),
            "column \"Who\" is chosen for both the name and the e-mail"
        );
        let c = Columns { name: 0, email: None, join: 2, leave: 2, guest: None };
        assert_eq!(
            c.check(&header).unwrap_err(),
            "column \"In\" is chosen for both the join time and the leave time"
        );
        let c = Columns { name: 0, email: None, join: 2, leave: 3, guest: Some(7) };
        assert_eq!(
            c.check(&header).unwrap_err(),
            "column 8 for the guest does not exist: the file has 4 columns"
        );
    }

    #[test]
    fn a_preview_has_the_header_the_first_rows_and_the_count() {
        let csv = "\u{feff}\r\nParticipant,Mail,Arrived,Departed\r\n\
            Ana Ruiz,ana@example.org,2026-03-04 14:00,2026-03-04 15:00\r\n\r\n\
            Ben Wallis,ben@example.org,2026-03-04 14:05,2026-03-04 15:00\r\n\
            \"Kumar, Sheetal\",,2026-03-04 14:10,2026-03-04 14:40\r\n";
        let p = preview(csv.as_bytes(), 2).unwrap();
        assert_eq!(p.header, strings(&["Participant", "Mail", "Arrived", "Departed"]));
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[1][0], "Ben Wallis");
        assert_eq!(p.row_count, 3);
        assert!(!has_participant_header(csv.as_bytes()));
        assert!(has_participant_header(ZOOM.as_bytes()));
        assert_eq!(preview(b"Participant,Mail\r\n\r\n", 5), Err(ImportError::NoRows));
        assert_eq!(preview(b"  \n", 5), Err(ImportError::Empty));
    }

    #[test]
    fn columns_are_suggested_by_header_then_by_value() {
        let p = |h: &[&str], rows: &[&[&str]]| {
            let rows: Vec<Vec<String>> = rows.iter().map(|r| strings(r)).collect();
            suggest_columns(&strings(h), &rows)
        };
        let row: &[&str] = &["Ana Ruiz", "ana@example.org", "2026-03-04 14:00", "2026-03-04 15:00"];
        assert_eq!(
            p(&["Participant", "Mail", "Arrived", "Departed"], &[row]),
            Suggestion { name: Some(0), email: Some(1), join: Some(2), leave: Some(3), guest: None }
        );
        // "User Email" is the address, not the name; "Time in"/"Time out"; an external flag.
        assert_eq!(
            p(
                &["User Email", "Display name", "Time in", "Time out", "External"],
                &[&["a@x.org", "Ana", "2026-03-04 14:00", "2026-03-04 15:00", "no"]]
            ),
            Suggestion { name: Some(1), email: Some(0), join: Some(2), leave: Some(3), guest: Some(4) }
        );
        // Headers that say nothing: the values decide.
        assert_eq!(
            p(
                &["A", "B", "C", "D"],
                &[&["03/04/2026 02:00 PM", "Ana Ruiz", "03/04/2026 03:00 PM", "ana@x.org"]]
            ),
            Suggestion { name: Some(1), email: Some(3), join: Some(0), leave: Some(2), guest: None }
        );
        assert_eq!(p(&["Topic", "Host"], &[&["OVM", "Ben"]]).join, None);
    }

    #[test]
    fn the_line_of_a_bad_row_counts_crlf_and_blank_lines() {
        for end in ["\n", "\r\n"] {
            let csv = [
                "Name,Join Time,Leave Time",
                "Ana,2026-03-04 14:00,2026-03-04 15:00",
                "",
                "",
                "\"Kumar,\nSheetal\",2026-03-04 14:00,2026-03-04 15:00",
                "Ben,2026-03-04 14:00,later",
                "",
            ]
            .join(end);
            let e = read_attendance(csv.as_bytes(), None, &geneva()).unwrap_err().to_string();
            assert!(e.starts_with("line 7: \"later\" is not a time"), "{end:?}: {e}");
        }
    }

    #[test]
    fn broken_reports_are_refused_with_the_line_and_reason() {
        assert_eq!(read_attendance(b"", None, &geneva()), Err(ImportError::Empty));
        assert_eq!(read_attendance(b" \r\n\r\n", None, &geneva()), Err(ImportError::Empty));
        let e = read_attendance(b"Topic,Host\nOVM,Ben\n", None, &geneva()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no participant list found: the file has no header with a name, a join time and a leave time (columns seen: Topic, Host)"
        );
        let bad_time = "Name,Join Time,Leave Time\nBen,03/04/2026 01:55:02 PM,soon\n";
        let e = read_attendance(bad_time.as_bytes(), None, &geneva()).unwrap_err().to_string();
        assert!(e.starts_with("line 2: \"soon\" is not a time"), "{e}");
        let backwards = "Name,Join Time,Leave Time\nBen,2026-03-04 15:00,2026-03-04 14:00\n";
        assert_eq!(
            read_attendance(backwards.as_bytes(), None, &geneva()).unwrap_err().to_string(),
            "line 2: Ben leaves before joining"
        );
        let short = "Name,Join Time,Leave Time\nBen,2026-03-04 14:00\n";
        assert!(
            read_attendance(short.as_bytes(), None, &geneva())
                .unwrap_err()
                .to_string()
                .starts_with("line 2: 2 columns")
        );
        assert_eq!(
            read_attendance(b"Name,Join Time,Leave Time\n", None, &geneva()),
            Err(ImportError::NoRows)
        );
        // Binary noise.
        let noise: Vec<u8> = (0..200u8).map(|i| i.wrapping_mul(37)).collect();
        assert!(read_attendance(&noise, None, &geneva()).is_err());
    }
}
