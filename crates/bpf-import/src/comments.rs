//! Reading public comments exported from a review platform or a form as CSV: who wrote, when,
//! about which section, the comment, and (if the file has them) a disposition and response.
//! Dates are ISO (`2020-10-12`, with or without a time) or slashed; slashed dates are read as
//! day/month unless a date in the file only makes sense as month/day (Google Forms in the US).

use chrono::NaiveDate;

use crate::ImportError;
use crate::table::{Field, read_table};

/// One comment as the file gives it; the section is the text the reviewer gave.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommentRow {
    pub line: u64,
    pub author: String,
    pub email: String,
    pub organisation: String,
    pub date: Option<NaiveDate>,
    pub section: String,
    pub text: String,
    pub disposition: String,
    pub response: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentsFile {
    pub rows: Vec<CommentRow>,
    pub warnings: Vec<String>,
}

const FIELDS: &[Field] = &[
    (
        "text",
        &[
            "comment",
            "comments",
            "your comment",
            "your comments",
            "text",
            "feedback",
            "input",
            "remark",
            "remarks",
            "suggestion",
            "comment text",
        ],
    ),
    (
        "author",
        &["name", "author", "your name", "full name", "commenter", "submitted by", "reviewer", "commentator"],
    ),
    ("email", &["email", "e mail", "email address", "e mail address", "your email"]),
    ("organisation", &["organisation", "organization", "affiliation", "org", "institution", "stakeholder"]),
    (
        "date",
        &[
            "date",
            "timestamp",
            "submitted",
            "submitted at",
            "submission date",
            "received",
            "date received",
            "created",
            "created at",
        ],
    ),
    (
        "section",
        &[
            "section",
            "chapter",
            "part",
            "section of the report",
            "which section",
            "report section",
            "paragraph",
            "section commented",
        ],
    ),
    ("disposition", &["disposition", "decision", "status", "outcome"]),
    ("response", &["response", "reply", "answer", "bpf response", "action taken"]),
];

/// Day-first or month-first, for slashed dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    DayMonth,
    MonthDay,
}

/// The order of the file's slashed dates: month/day when one of them only fits that way.
fn order(dates: &[&str]) -> Order {
    for d in dates {
        let parts: Vec<u32> = d.split(['/', ' ']).take(2).filter_map(|p| p.parse().ok()).collect();
        if let [a, b] = parts.as_slice() {
            if *a > 12 {
                return Order::DayMonth;
            }
            if *b > 12 {
                return Order::MonthDay;
            }
        }
    }
    Order::DayMonth
}

fn parse_date(text: &str, order: Order) -> Option<NaiveDate> {
    let t = text.trim();
    let day = t.split(['T', ' ']).next().unwrap_or(t);
    if let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(day, "%Y/%m/%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%d %B %Y") {
        return Some(d);
    }
    let fmt = match order {
        Order::DayMonth => "%d/%m/%Y",
        Order::MonthDay => "%m/%d/%Y",
    };
    NaiveDate::parse_from_str(day, fmt).ok()
}

/// Reads comments from CSV bytes. A file without a comment column is refused; rows without text
/// are skipped with a warning.
pub fn read_comments(bytes: &[u8]) -> Result<CommentsFile, ImportError> {
    let table = read_table(bytes, FIELDS)?;
    if table.col("text").is_none() {
        return Err(ImportError::Csv(format!(
            "no column for the comment: the header has {}; call the column with the comments \"Comment\"",
            table.header_list()
        )));
    }
    let mut warnings = table.warnings.clone();
    let raw_dates: Vec<String> = table.rows.iter().map(|(_, r)| table.get(r, "date")).collect();
    let slashed: Vec<&str> = raw_dates.iter().map(String::as_str).filter(|d| d.contains('/')).collect();
    let order = order(&slashed);
    let mut rows = Vec::new();
    for ((line, record), raw_date) in table.rows.iter().zip(&raw_dates) {
        let get = |f: &str| table.get(record, f);
        let text = get("text");
        if text.is_empty() {
            warnings.push(format!("line {line}: skipped, it has no comment"));
            continue;
        }
        let date = if raw_date.is_empty() {
            None
        } else {
            let d = parse_date(raw_date, order);
            if d.is_none() {
                warnings
                    .push(format!("line {line}: \"{raw_date}\" is not a date; the comment is dated today"));
            }
            d
        };
        rows.push(CommentRow {
            line: *line,
            author: get("author"),
            email: get("email"),
            organisation: get("organisation"),
            date,
            section: get("section"),
            text,
            disposition: get("disposition"),
            response: get("response"),
        });
    }
    Ok(CommentsFile { rows, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_google_forms_export_with_us_dates() {
        let csv = "Timestamp,Your name,Email address,Which section?,Your comment\n\
                   10/12/2020 14:03:21,Ana Souza,ana@nic.br,B.2,\"Please cite the 2019 report, too.\"\n\
                   10/14/2020 09:00:00,,,,The summary is clear.\n\
                   10/15/2020 09:00:00,Kwame,,C,\n";
        let f = read_comments(csv.as_bytes()).unwrap();
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].date, NaiveDate::from_ymd_opt(2020, 10, 12));
        assert_eq!(f.rows[0].section, "B.2");
        assert_eq!(f.rows[0].text, "Please cite the 2019 report, too.");
        assert_eq!(f.rows[1].date, NaiveDate::from_ymd_opt(2020, 10, 14), "month/day: 14 cannot be a month");
        assert_eq!(f.warnings, ["line 4: skipped, it has no comment"]);
    }

    #[test]
    fn day_month_dates_and_a_bad_one() {
        let csv = "Name;Date;Comment;Disposition;Response\nA;13/10/2020;One;Accepted;\nB;01/10/2020;Two;;\nC;soon;Three;;\n";
        let f = read_comments(csv.as_bytes()).unwrap();
        assert_eq!(f.rows[1].date, NaiveDate::from_ymd_opt(2020, 10, 1));
        assert_eq!(f.rows[0].disposition, "Accepted");
        assert_eq!(f.rows[2].date, None);
        assert_eq!(f.warnings, ["line 4: \"soon\" is not a date; the comment is dated today"]);
    }

    #[test]
    fn a_file_without_comments_is_refused() {
        let e = read_comments(b"Name,Email\nA,a@b.org\n").unwrap_err();
        assert!(
            e.to_string().contains("no column for the comment: the header has \"Name\", \"Email\""),
            "{e}"
        );
    }
}
