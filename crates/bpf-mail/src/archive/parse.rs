//! From a cut message to the facts the statistics need: identity, sender, date, subject, thread.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use mail_parser::{Address, HeaderName, MessageParser};
use sha2::{Digest, Sha256};

use super::split::RawMessage;

/// Where a message's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// Its `Date:` header.
    Header,
    /// The archive's envelope line (the `Date:` header was missing or unusable).
    Envelope,
    /// Neither gave a usable date.
    None,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Header => "header",
            DateSource::Envelope => "envelope",
            DateSource::None => "none",
        }
    }
}

/// What is kept of one archived message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailMessage {
    /// What identifies the message across files: `id:` and the normalised Message-ID, or `h:`
    /// and a hash of From, Date and Subject when it has none.
    pub key: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub date_source: DateSource,
    /// The sender's address, lower case, de-obfuscated, DMARC rewriting undone; may be empty.
    pub from_address: String,
    /// The sender's name as shown (without a DMARC "via List" suffix); may be empty.
    pub from_name: String,
    pub subject: String,
    /// Normalised id of the message this one answers, or empty.
    pub in_reply_to: String,
    /// Normalised ids of the `References:` header, oldest first, separated by spaces.
    pub references: String,
    pub body_bytes: u64,
    /// 1-based line of the message in its file.
    pub line: u64,
}

impl MailMessage {
    /// The normalised Message-ID (no angle brackets, trimmed, lower case), or empty.
    pub fn message_id(&self) -> &str {
        self.key.strip_prefix("id:").unwrap_or("")
    }
}

/// Turns raw header blocks into [`MailMessage`]s. Build one and reuse it.
#[derive(Debug)]
pub struct HeaderReader {
    parser: MessageParser,
    /// Dates after this day are not usable (a clock gone wrong).
    latest: NaiveDate,
}

/// Dates before this year are not usable (no mailing-list archive is older).
const EARLIEST_YEAR: i32 = 1980;

impl HeaderReader {
    /// `today` bounds the usable dates (a message may not be dated more than a year ahead).
    pub fn new(today: NaiveDate) -> Self {
        // Only used on one-field blocks (`From:` or `Subject:`) the own field scan hands it.
        let parser = MessageParser::new().header_address(HeaderName::From).header_text(HeaderName::Subject);
        let latest = today.with_year(today.year() + 1).unwrap_or(today);
        HeaderReader { parser, latest }
    }

    fn usable(&self, t: DateTime<Utc>) -> bool {
        t.year() >= EARLIEST_YEAR && t.date_naive() <= self.latest
    }

    pub fn read(&self, raw: &RawMessage) -> MailMessage {
        let header = to_utf8(&raw.header);
        let f = Fields::read(&header);
        fn raw_header<'a>(v: &'a Option<Cow<'_, str>>) -> Option<&'a str> {
            v.as_deref().map(str::trim)
        }

        let message_id = f
            .message_id
            .as_deref()
            .map(|v| bracketed_ids(v).into_iter().next().unwrap_or_else(|| normalise_id(v)))
            .unwrap_or_default();

        let (mut from_name, mut from_address) =
            f.from.as_deref().map(|v| self.address(v)).unwrap_or_default();
        // DMARC: `"Jane Doe via List" <list@…>`, the sender in Reply-To.
        if let Some(pos) = find_via(&from_name) {
            from_name.truncate(pos);
            let reply = f.reply_to.as_deref().map(|v| self.address(v)).unwrap_or_default();
            if !reply.1.is_empty() {
                from_address = reply.1;
                if from_name.is_empty() {
                    from_name = reply.0;
                }
            }
        }
        let from_name = from_name.trim().trim_matches('"').trim().to_string();

        let subject = f
            .subject
            .as_deref()
            .map(|v| if v.contains("=?") { collapse(&self.decode_text(v)) } else { collapse(v) })
            .unwrap_or_default();

        let in_reply_to = raw_header(&f.in_reply_to).map(reply_id).unwrap_or_default();
        let references = raw_header(&f.references).map(joined_ids).unwrap_or_default();

        let raw_date = raw_header(&f.date).unwrap_or("");
        let header_date = parse_date(raw_date).filter(|t| self.usable(*t));
        let (sent_at, date_source) = match header_date {
            Some(t) => (Some(t), DateSource::Header),
            None => match envelope_time(&raw.envelope).filter(|t| self.usable(*t)) {
                Some(t) => (Some(t), DateSource::Envelope),
                None => (None, DateSource::None),
            },
        };

        let key = if message_id.is_empty() {
            let mut h = Sha256::new();
            for part in [raw_header(&f.from).unwrap_or(""), raw_date, raw_header(&f.subject).unwrap_or("")] {
                h.update(part.as_bytes());
                h.update([0]);
            }
            let digest = h.finalize();
            let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
            format!("h:{hex}")
        } else {
            format!("id:{message_id}")
        };

        MailMessage {
            key,
            sent_at,
            date_source,
            from_address,
            from_name,
            subject,
            in_reply_to,
            references,
            body_bytes: raw.body_len,
            line: raw.line,
        }
    }
}

impl HeaderReader {
    /// (name, address) of an address header's first address, `at` put back into obfuscated ones.
    fn address(&self, value: &str) -> (String, String) {
        // Pipermail hides addresses as `jjl at pobox.com`.
        let value: std::borrow::Cow<'_, str> =
            if value.contains(" at ") { join_at(value).into() } else { value.into() };
        let simple = !value.contains("=?") && !value.contains('"') && !value.contains(',');
        if simple {
            let v = value.trim();
            if let (Some(open), Some(close)) = (v.rfind('<'), v.rfind('>'))
                && open < close
            {
                return (v[..open].trim().to_string(), v[open + 1..close].trim().to_lowercase());
            }
            if let Some(open) = v.find('(') {
                let name = v[open + 1..].trim_end().trim_end_matches(')').trim().to_string();
                return (name, v[..open].trim().to_lowercase());
            }
            return (String::new(), v.to_lowercase());
        }
        let block = format!("From: {value}\n\n");
        let parsed = self.parser.parse_headers(block.as_bytes());
        let (name, address) = parsed.as_ref().and_then(|m| m.from()).map(first).unwrap_or_default();
        if address.is_empty() { (name, value.trim().to_lowercase()) } else { (name, address) }
    }

    /// Decodes RFC 2047 encoded words in an unstructured value.
    fn decode_text(&self, value: &str) -> String {
        let block = format!("Subject: {value}\n\n");
        let parsed = self.parser.parse_headers(block.as_bytes());
        parsed.as_ref().and_then(|m| m.subject()).map(str::to_string).unwrap_or_else(|| value.to_string())
    }
}

/// The header fields the statistics need, unfolded, first occurrence of each.
#[derive(Debug, Default)]
struct Fields<'a> {
    from: Option<Cow<'a, str>>,
    reply_to: Option<Cow<'a, str>>,
    subject: Option<Cow<'a, str>>,
    message_id: Option<Cow<'a, str>>,
    in_reply_to: Option<Cow<'a, str>>,
    references: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    fn read(header: &'a str) -> Fields<'a> {
        let mut f = Fields::default();
        // Which field the previous line belonged to (for folded continuations), if wanted.
        let mut slot: Option<usize> = None;
        for line in header.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with([' ', '\t']) {
                if let Some(i) = slot
                    && let Some(v) = f.slot(i).as_mut()
                {
                    let v = v.to_mut();
                    v.push(' ');
                    v.push_str(line.trim());
                }
                continue;
            }
            slot = None;
            let Some((name, value)) = line.split_once(':') else { continue };
            const WANTED: [&str; 7] =
                ["from", "reply-to", "subject", "message-id", "in-reply-to", "references", "date"];
            let name = name.trim_end();
            let Some(i) = WANTED.iter().position(|w| w.eq_ignore_ascii_case(name)) else { continue };
            let target = f.slot(i);
            if target.is_none() {
                *target = Some(Cow::Borrowed(value.trim()));
                slot = Some(i);
            }
        }
        f
    }

    fn slot(&mut self, i: usize) -> &mut Option<Cow<'a, str>> {
        match i {
            0 => &mut self.from,
            1 => &mut self.reply_to,
            2 => &mut self.subject,
            3 => &mut self.message_id,
            4 => &mut self.in_reply_to,
            5 => &mut self.references,
            _ => &mut self.date,
        }
    }
}

fn first(a: &Address<'_>) -> (String, String) {
    a.first()
        .map(|addr| {
            (addr.name().unwrap_or("").to_string(), addr.address().unwrap_or("").trim().to_lowercase())
        })
        .unwrap_or_default()
}

/// The header block as UTF-8. Lines that are not UTF-8 are decoded with the charset the message
/// declares for its text, else as Windows-1252 (a superset of Latin-1 that maps every byte).
pub fn to_utf8(header: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(header) {
        return std::borrow::Cow::Borrowed(s);
    }
    let declared = declared_charset(header)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8);
    let mut out = String::with_capacity(header.len() + 16);
    for line in header.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(s) => out.push_str(s),
            Err(_) => {
                let decoded = declared.and_then(|enc| {
                    let (text, had_errors) = enc.decode_without_bom_handling(line);
                    (!had_errors).then_some(text)
                });
                match decoded {
                    Some(text) => out.push_str(&text),
                    None => out.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(line).0),
                }
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The `charset=` parameter of the header block's Content-Type, if any.
fn declared_charset(header: &[u8]) -> Option<String> {
    let lower: Vec<u8> = header.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let value: String = lower[at..]
        .iter()
        .skip_while(|&&b| b == b'"')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':' || b == b'.')
        .map(|&b| b as char)
        .collect();
    (!value.is_empty()).then_some(value)
}

/// `x at example.org` → `x@example.org` where the words around ` at ` look like an address.
fn join_at(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let is_local = |w: &str| {
            !w.is_empty()
                && !w.contains('@')
                && w.chars().all(|c| c.is_alphanumeric() || "._+-=<\"'".contains(c))
        };
        let is_domain = |w: &str| {
            let w = w.trim_end_matches(['>', ',', '\r', '\n']);
            w.contains('.') && w.chars().all(|c| c.is_alphanumeric() || ".-".contains(c))
        };
        if i + 2 < words.len() && words[i + 1] == "at" && is_local(words[i]) && is_domain(words[i + 2]) {
            out.push(format!("{}@{}", words[i], words[i + 2]));
            i += 3;
        } else {
            out.push(words[i].to_string());
            i += 1;
        }
    }
    out.join(" ")
}

/// `<Id@Host>` → `id@host`.
pub fn normalise_id(s: &str) -> String {
    s.trim().trim_start_matches('<').trim_end_matches('>').trim().to_lowercase()
}

/// Where a DMARC rewriter's " via " starts in a display name (ASCII case ignored), if anywhere.
fn find_via(name: &str) -> Option<usize> {
    name.as_bytes().windows(5).rposition(|w| w.eq_ignore_ascii_case(b" via "))
}

/// Runs of whitespace as one space, ends trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The ids of a `References:` value, space-separated.
fn joined_ids(value: &str) -> String {
    bracketed_ids(value).join(" ")
}

/// The ids in angle brackets of a `References:`-like value.
fn bracketed_ids(value: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else { break };
        let id = normalise_id(&rest[open + 1..open + close]);
        if !id.is_empty() && id.contains('@') {
            ids.push(id);
        }
        rest = &rest[open + close + 1..];
    }
    ids
}

/// The message an `In-Reply-To:` value names: its first bracketed id, or a bare `x@y` token
/// (some mailers omit the brackets). A value like `Jane's message of …` names no id.
fn reply_id(value: &str) -> String {
    if let Some(id) = bracketed_ids(value).into_iter().next() {
        return id;
    }
    let v = value.trim();
    if !v.is_empty() && !v.contains(char::is_whitespace) && v.contains('@') {
        return normalise_id(v);
    }
    String::new()
}

/// A `Date:` value, leniently: RFC 5322 with obsolete zones, ctime, comments like `(IDT)`, and
/// zones that make no sense (`+50579034`), read as UTC.
pub fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = ctime_fast(value) {
        return Some(t);
    }
    let v = sane_zone(&strip_comments(value));
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(v) {
        return Some(t.with_timezone(&Utc));
    }
    if let Some(t) = ctime(v) {
        return Some(t);
    }
    mail_parser::DateTime::parse_rfc822(v).and_then(|t| from_mail_parser(&t))
}

/// A numeric zone that is not `±hhmm` within ±14:00 (`+50579034`, `0480`) becomes `+0000`: the
/// wall time is kept and read as UTC.
fn sane_zone(v: &str) -> String {
    let mut words: Vec<&str> = v.split_whitespace().collect();
    let Some(last) = words.last().copied() else { return String::new() };
    let digits = last.trim_start_matches(['+', '-']);
    let has_time = words.iter().any(|w| w.contains(':'));
    if has_time && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && !last.contains(':') {
        let signed = last.starts_with(['+', '-']);
        let ok = signed
            && digits.len() == 4
            && digits[..2].parse::<u32>().is_ok_and(|h| h <= 14)
            && digits[2..].parse::<u32>().is_ok_and(|m| m <= 59);
        // ctime ends with its year: a bare four-digit number when no year came before.
        let year_before =
            words[..words.len() - 1].iter().any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
        let is_year = !signed && digits.len() == 4 && !year_before;
        if !ok && !is_year {
            let n = words.len();
            words[n - 1] = "+0000";
        }
    }
    words.join(" ")
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn from_mail_parser(t: &mail_parser::DateTime) -> Option<DateTime<Utc>> {
    let date = NaiveDate::from_ymd_opt(i32::from(t.year), u32::from(t.month), u32::from(t.day))?;
    let local = date.and_hms_opt(u32::from(t.hour), u32::from(t.minute), u32::from(t.second))?;
    let utc = Utc.from_utc_datetime(&local);
    // A zone beyond ±14:00 is nonsense: keep the wall time, read as UTC.
    if t.tz_hour > 14 || t.tz_minute > 59 {
        return Some(utc);
    }
    let offset = i64::from(t.tz_hour) * 3600 + i64::from(t.tz_minute) * 60;
    let offset = if t.tz_before_gmt { offset } else { -offset };
    Some(utc + chrono::Duration::seconds(offset))
}

/// `Thu Nov  1 11:19:12 2001` exactly (pipermail's own dates, the most common), without
/// allocating; anything else is left to the general path.
fn ctime_fast(v: &str) -> Option<DateTime<Utc>> {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut w = v.split_ascii_whitespace();
    let (_day, month, dom, time, year) = (w.next()?, w.next()?, w.next()?, w.next()?, w.next()?);
    if w.next().is_some() {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let mut hms = time.split(':');
    let (h, m, s) = (hms.next()?.parse().ok()?, hms.next()?.parse().ok()?, hms.next()?.parse().ok()?);
    if hms.next().is_some() || year.len() != 4 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month, dom.parse().ok()?)?;
    Some(Utc.from_utc_datetime(&date.and_hms_opt(h, m, s)?))
}

/// `Thu Nov  1 11:19:12 2001`, possibly with a zone name before the year (read as UTC).
fn ctime(v: &str) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = v.split_whitespace().collect();
    if words.len() < 5 || !words[3].contains(':') || !words[2].chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year = words.iter().rev().find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))?;
    let text = format!("{} {} {} {}", words.get(1)?, words.get(2)?, words.get(3)?, year);
    NaiveDateTime::parse_from_str(&text, "%b %d %H:%M:%S %Y").ok().map(|t| Utc.from_utc_datetime(&t))
}

/// The date of an envelope line (`sender  Thu Nov  1 11:19:12 2001`).
pub fn envelope_time(envelope: &[u8]) -> Option<DateTime<Utc>> {
    let mut line = b"From ".to_vec();
    line.extend_from_slice(envelope);
    let date = super::split::envelope_date(&line)?;
    let text = String::from_utf8_lossy(date);
    parse_date(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(header: &[u8], envelope: &str) -> MailMessage {
        let raw = RawMessage {
            line: 1,
            envelope: envelope.as_bytes().to_vec(),
            header: header.to_vec(),
            ..RawMessage::default()
        };
        HeaderReader::new(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).read(&raw)
    }

    #[test]
    fn pipermail_obfuscated_sender() {
        let m = read(
            b"From: jjl at pobox.com (John J. Lee)\nDate: Thu, 1 Nov 2001 11:19:12 +0100\nSubject: [Web] Re:  hi\nMessage-ID: <ABC@x.org>\n",
            "jjl at pobox.com  Thu Nov  1 10:19:12 2001",
        );
        assert_eq!(m.from_address, "jjl@pobox.com");
        assert_eq!(m.from_name, "John J. Lee");
        assert_eq!(m.key, "id:abc@x.org");
        assert_eq!(m.subject, "[Web] Re: hi");
        assert_eq!(m.sent_at.unwrap().to_rfc3339(), "2001-11-01T10:19:12+00:00");
        assert_eq!(m.date_source, DateSource::Header);
    }

    #[test]
    fn dmarc_rewriting_undone() {
        let m = read(
            b"From: \"Jane Doe via USRP-users\" <usrp-users@lists.ettus.com>\nReply-To: Jane Doe <Jane@Example.org>\nDate: Mon, 1 Jul 2019 10:00:00 +0000\n",
            "",
        );
        assert_eq!(m.from_address, "jane@example.org");
        assert_eq!(m.from_name, "Jane Doe");
        assert!(m.key.starts_with("h:"));
    }

    #[test]
    fn latin1_header_decoded() {
        let m = read(
            b"From: Andr\xe9 <a@b.fr>\nSubject: caf\xe9\nContent-Type: text/plain; charset=iso-8859-1\n",
            "",
        );
        assert_eq!(m.from_name, "André");
        assert_eq!(m.subject, "café");
        let m = read(b"Subject: =?iso-8859-1?q?caf=E9?=\n", "");
        assert_eq!(m.subject, "café");
    }

    #[test]
    fn odd_dates() {
        let d = |s: &str| parse_date(s).map(|t| t.to_rfc3339());
        assert_eq!(d("Thu, 1 Nov 2001 11:19:12 +0100 (IDT)").unwrap(), "2001-11-01T10:19:12+00:00");
        assert_eq!(d("Thu Nov  1 11:19:12 2001").unwrap(), "2001-11-01T11:19:12+00:00");
        assert_eq!(d("Thu, 1 Nov 2001 11:19:12 +50579034").unwrap(), "2001-11-01T11:19:12+00:00");
        assert_eq!(d("1 Nov 2001 11:19 EST").unwrap(), "2001-11-01T16:19:00+00:00");
        assert_eq!(d("Thu, 1 Nov 2001 11:19:12 0480").unwrap(), "2001-11-01T11:19:12+00:00");
        assert_eq!(d("Thu Nov  1 11:19:12 PST 2001").unwrap(), "2001-11-01T11:19:12+00:00");
        assert_eq!(d("Mon, 28 Apr 2019 17:00:26 -0700 (PDT)").unwrap(), "2019-04-29T00:00:26+00:00");
        assert!(d("").is_none());
        assert!(d("yesterday").is_none());
        // Unusable dates fall back to the envelope, then to none.
        let m = read(b"Date: Sat, 3 Feb 1945 10:00:00 +0000\n", "x  Sat Feb  3 10:00:00 2001");
        assert_eq!((m.date_source, m.sent_at.unwrap().year()), (DateSource::Envelope, 2001));
        let m = read(b"Subject: none\n", "x  Sat Feb  3 10:00:00 1945");
        assert_eq!((m.date_source, m.sent_at), (DateSource::None, None));
    }

    #[test]
    fn reply_ids() {
        assert_eq!(reply_id("<A@b>"), "a@b");
        assert_eq!(reply_id("a@b.org"), "a@b.org");
        assert_eq!(reply_id("Jane's message of Mon, 1 Jul"), "");
        assert_eq!(reply_id(""), "");
        assert_eq!(reply_id("<x@y> (Jane Doe's message of …)"), "x@y");
        assert_eq!(bracketed_ids("<a@b>\n <c@d> <nope>"), vec!["a@b", "c@d"]);
    }
}
