//! The text of the messages sent in a period: what the public said on the list while a draft
//! was open for comment. Unlike the import (headers only), the body is decoded (MIME, quoted-
//! printable, base64, charsets) and quoted lines and signatures are dropped.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;

use chrono::{DateTime, NaiveDate, Utc};
use mail_parser::MessageParser;

use super::{HeaderReader, Problem, Splitter, collect, open, quoting_for};

/// The most of a body kept: a comment longer than this is cut (and says so).
pub const MAX_BODY: usize = 256 * 1024;

/// One message of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListText {
    pub from_name: String,
    /// Lower case; may be empty.
    pub from_address: String,
    pub sent_at: DateTime<Utc>,
    pub subject: String,
    /// The message's own words: quoted lines and the signature left out.
    pub body: String,
}

/// The author's own text: lines quoted with `>` and the "On … wrote:" line before them dropped,
/// the signature (after `-- `) and pipermail's list footer left out.
pub fn own_words(body: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in body.lines() {
        if line == "-- " || line.starts_with("_______________________________________________") {
            break;
        }
        if line.trim_start().starts_with('>') {
            if lines.last().is_some_and(|l| l.trim_end().ends_with("wrote:")) {
                lines.pop();
            }
            continue;
        }
        lines.push(line);
    }
    let text = lines.join("\n");
    text.trim().to_string()
}

/// Messages sent from `from` to `to` (inclusive, UTC days) in the archives behind `paths`, once
/// each (by Message-ID), oldest first; with the problems met reading them.
pub fn read_texts(
    paths: &[PathBuf],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> (Vec<ListText>, Vec<Problem>) {
    let (files, mut problems) = collect(paths);
    let reader = HeaderReader::new(today);
    let count = AtomicU64::new(0);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for file in &files {
        let name = file.path.display().to_string();
        let input = match open(&file.path, &count) {
            Ok(i) => i,
            Err(e) => {
                problems.push(Problem { file: name, line: 0, reason: format!("cannot be opened: {e}") });
                continue;
            }
        };
        let mut splitter = Splitter::new(input, quoting_for(&file.path), MAX_BODY);
        loop {
            let raw = match splitter.next_message() {
                Ok(Some(raw)) => raw,
                Ok(None) => break,
                Err(e) => {
                    problems.push(Problem {
                        file: name.clone(),
                        line: splitter.lines() + 1,
                        reason: super::read_error(&e),
                    });
                    break;
                }
            };
            let msg = reader.read(&raw);
            let Some(sent_at) = msg.sent_at else { continue };
            let day = sent_at.date_naive();
            if day < from || day > to || !seen.insert(msg.key.clone()) {
                continue;
            }
            let mut whole = raw.header.clone();
            whole.extend_from_slice(b"\n");
            whole.extend_from_slice(&raw.body);
            let parsed = MessageParser::default().parse(&whole);
            let body = parsed
                .as_ref()
                .and_then(|m| m.body_text(0))
                .map(|t| t.into_owned())
                .unwrap_or_else(|| String::from_utf8_lossy(&raw.body).into_owned());
            let mut body = own_words(&body);
            if raw.body_len > MAX_BODY as u64 {
                body.push_str("\n[…] (the message is longer; see the list archive)");
            }
            out.push(ListText {
                from_name: msg.from_name,
                from_address: msg.from_address,
                sent_at,
                subject: msg.subject,
                body,
            });
        }
    }
    out.sort_by_key(|t| t.sent_at);
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_and_signatures_are_left_out() {
        let body = "I suggest adding Kenya's framework to B.2.\n\nOn Mon, 12 Oct 2020, Ana wrote:\n> The draft is open.\n> Comments welcome.\n\nBest,\nKwame\n-- \nKwame Mensah, Ministry\n";
        assert_eq!(own_words(body), "I suggest adding Kenya's framework to B.2.\n\n\nBest,\nKwame");
        let footer = "Thanks.\n_______________________________________________\nBPF mailing list\n";
        assert_eq!(own_words(footer), "Thanks.");
    }
}
