//! E-mail of a BPF: the mailing list's archives read in ([`archive`], [`members`]), and the
//! announcement of a meeting for the list, as an `.eml` draft (RFC 5322, UTF-8) with the
//! meeting's invitation attached, that a mail program opens as a message ready to send.

pub mod archive;
pub mod members;

use bpf_domain::meeting::{LocalTime, Meeting, MeetingStatus, Place, local_times};
use chrono::{DateTime, NaiveDateTime, Utc};
use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;

/// How many places' local times the text lists (the biggest groups first).
const MAIN_ZONES: usize = 8;

/// What the announcement is built from.
#[derive(Debug, Clone)]
pub struct Announcement<'a> {
    pub bpf_title: &'a str,
    /// The list's posting address, or empty.
    pub list_address: &'a str,
    /// The sender (the BPF's contact address), or empty.
    pub from_address: &'a str,
    pub meeting: &'a Meeting,
    pub places: &'a [Place],
    /// The meeting's invitation (.ics), attached.
    pub ics: &'a str,
}

fn local_line(t: &LocalTime) -> String {
    let parse = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok();
    match (parse(&t.start), parse(&t.end)) {
        (Some(a), Some(b)) => format!(
            "  {}: {}–{} {} ({})",
            t.place,
            a.format("%a %-d %b, %H:%M"),
            b.format("%H:%M"),
            t.abbreviation,
            t.utc_offset
        ),
        _ => format!("  {}: {} {}", t.place, t.start, t.abbreviation),
    }
}

/// The plain-text body of the announcement.
pub fn announcement_text(a: &Announcement<'_>) -> String {
    let m = a.meeting;
    let end = m.end();
    let mut out = Vec::new();
    out.push("Dear all,".to_string());
    out.push(String::new());
    if m.status == MeetingStatus::Cancelled {
        out.push(format!("The {} meeting \"{}\" has been cancelled.", a.bpf_title, m.title));
        out.push(String::new());
        out.push(format!(
            "It was planned for {}–{} UTC.",
            m.start.format("%A %-d %B %Y, %H:%M"),
            end.format("%H:%M")
        ));
    } else {
        out.push(format!(
            "The {} invites you to its {}: \"{}\". The meeting is open to all.",
            a.bpf_title,
            m.kind.label().to_lowercase(),
            m.title
        ));
        out.push(String::new());
        out.push(format!(
            "When: {}–{} UTC ({} minutes)",
            m.start.format("%A %-d %B %Y, %H:%M"),
            end.format("%H:%M"),
            m.minutes
        ));
        let mut places: Vec<&Place> = a.places.iter().filter(|p| p.participants > 0).collect();
        places.sort_by(|x, y| y.participants.cmp(&x.participants).then(x.name.cmp(&y.name)));
        let main: Vec<Place> = places.into_iter().take(MAIN_ZONES).cloned().collect();
        if let Ok(times) = local_times(m.start, m.minutes, &main)
            && !times.is_empty()
        {
            out.push("Local times:".into());
            out.extend(times.iter().map(local_line));
        }
        if !m.join_url.is_empty() {
            out.push(format!("Join: {}", m.join_url));
        }
        if !m.agenda.is_empty() {
            out.push(String::new());
            out.push("Agenda".into());
            for (i, item) in m.agenda.iter().enumerate() {
                let who =
                    if item.presenter.is_empty() { String::new() } else { format!(", {}", item.presenter) };
                out.push(format!("{}. {} ({} min{who})", i + 1, item.title, item.minutes));
            }
        }
        if !m.materials.is_empty() {
            out.push(String::new());
            out.push("Materials".into());
            out.extend(m.materials.iter().map(|u| format!("- {u}")));
        }
    }
    out.push(String::new());
    out.push("A calendar invitation is attached.".into());
    out.push(String::new());
    out.push(format!("The {} coordinating team", a.bpf_title));
    out.join("\r\n") + "\r\n"
}

/// The subject line: title, date and UTC time.
pub fn announcement_subject(a: &Announcement<'_>) -> String {
    let m = a.meeting;
    let prefix = if m.status == MeetingStatus::Cancelled { "Cancelled: " } else { "" };
    format!("[{}] {prefix}{} — {} UTC", a.bpf_title, m.title, m.start.format("%a %-d %b %Y, %H:%M"))
}

/// A message to be edited and sent from the user's mail program.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    /// Sender name and address; empty address for none.
    pub from: (String, &'a str),
    /// Recipient name and address; empty address for none.
    pub to: (String, &'a str),
    pub subject: String,
    pub text: String,
    /// Attachments: media type, file name, bytes.
    pub attachments: Vec<(&'a str, String, Vec<u8>)>,
}

/// A draft as an RFC 5322 message with the `X-Unsent` header, so that mail programs open it as
/// a draft to edit and send.
pub fn draft_eml(d: Draft<'_>, now: DateTime<Utc>) -> std::io::Result<Vec<u8>> {
    let mut msg = MessageBuilder::new()
        .subject(d.subject)
        .date(now.timestamp())
        .header("X-Unsent", Raw::new("1"))
        .text_body(d.text);
    for (mime, name, bytes) in d.attachments {
        msg = msg.attachment(mime.to_string(), name, bytes);
    }
    if !d.from.1.is_empty() {
        msg = msg.from((d.from.0, d.from.1.to_string()));
    }
    if !d.to.1.is_empty() {
        msg = msg.to((d.to.0, d.to.1.to_string()));
    }
    msg.write_to_vec()
}

/// The announcement as an RFC 5322 message, marked as an unsent draft.
pub fn announcement_eml(a: &Announcement<'_>, now: DateTime<Utc>) -> std::io::Result<Vec<u8>> {
    draft_eml(
        Draft {
            from: (format!("{} coordinating team", a.bpf_title), a.from_address),
            to: (String::new(), a.list_address),
            subject: announcement_subject(a),
            text: announcement_text(a),
            attachments: vec![(
                "text/calendar; method=PUBLISH; charset=utf-8",
                "invitation.ics".to_string(),
                a.ics.as_bytes().to_vec(),
            )],
        },
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use bpf_domain::meeting::{AgendaItem, MeetingKind};
    use chrono::TimeZone;
    use mail_parser::{MessageParser, MimeHeaders};

    fn meeting(status: MeetingStatus) -> Meeting {
        Meeting {
            id: 3,
            title: "Open virtual meeting — Überblick".into(),
            kind: MeetingKind::OpenVirtualMeeting,
            start: Utc.with_ymd_and_hms(2026, 3, 4, 13, 0, 0).unwrap(),
            zone: "Europe/Zurich".into(),
            minutes: 90,
            join_url: "https://meet.example.org/bpf".into(),
            agenda: vec![AgendaItem { title: "Welcome".into(), presenter: "Ben Wallis".into(), minutes: 10 }],
            announced_on: None,
            status,
            materials: vec!["https://example.org/paper.pdf".into()],
            summary: String::new(),
            sequence: 0,
            attendees: 0,
        }
    }

    fn places() -> Vec<Place> {
        vec![
            Place { id: 1, name: "Geneva".into(), zone: "Europe/Zurich".into(), participants: 10 },
            Place { id: 2, name: "Apia".into(), zone: "Pacific/Apia".into(), participants: 2 },
            Place { id: 3, name: "New York".into(), zone: "America/New_York".into(), participants: 5 },
        ]
    }

    #[test]
    fn a_real_mail_parser_reads_the_draft_with_its_attachment_and_right_times() {
        let m = meeting(MeetingStatus::Planned);
        let p = places();
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
        let a = Announcement {
            bpf_title: "BPF Cybersecurity",
            list_address: "bpf-cyber@intgovforum.org",
            from_address: "bpf-cyber-info@intgovforum.org",
            meeting: &m,
            places: &p,
            ics,
        };
        let now = Utc.with_ymd_and_hms(2026, 2, 20, 8, 0, 0).unwrap();
        let bytes = announcement_eml(&a, now).unwrap();
        let msg = MessageParser::default().parse(&bytes).expect("parses");
        assert_eq!(
            msg.subject(),
            Some("[BPF Cybersecurity] Open virtual meeting — Überblick — Wed 4 Mar 2026, 13:00 UTC")
        );
        assert_eq!(
            msg.to().and_then(|t| t.first()).and_then(|a| a.address()),
            Some("bpf-cyber@intgovforum.org")
        );
        assert_eq!(
            msg.from().and_then(|t| t.first()).and_then(|a| a.address()),
            Some("bpf-cyber-info@intgovforum.org")
        );
        assert_eq!(msg.date().map(|d| d.to_timestamp()), Some(now.timestamp()));
        assert_eq!(msg.header_raw("X-Unsent").map(str::trim), Some("1"));
        let body = msg.body_text(0).expect("text body");
        // The times agree with the stored instant, 2026-03-04T13:00Z.
        assert!(body.contains("When: Wednesday 4 March 2026, 13:00–14:30 UTC (90 minutes)"), "{body}");
        assert!(body.contains("  Geneva: Wed 4 Mar, 14:00–15:30 CET (UTC+01:00)"), "{body}");
        assert!(body.contains("  New York: Wed 4 Mar, 08:00–09:30 EST (UTC−05:00)"), "{body}");
        assert!(body.contains("  Apia: Thu 5 Mar, 02:00–03:30 +13 (UTC+13:00)"), "{body}");
        // Biggest groups first.
        assert!(body.find("Geneva").unwrap() < body.find("New York").unwrap());
        assert!(body.find("New York").unwrap() < body.find("Apia").unwrap());
        assert!(body.contains("Join: https://meet.example.org/bpf"));
        assert!(body.contains("1. Welcome (10 min, Ben Wallis)"));
        assert_eq!(msg.attachment_count(), 1);
        let att = msg.attachment(0).unwrap();
        assert_eq!(att.attachment_name(), Some("invitation.ics"));
        let ct = att.content_type().unwrap();
        assert_eq!((ct.ctype(), ct.subtype()), ("text", Some("calendar")));
        assert_eq!(att.contents(), ics.as_bytes());
    }

    #[test]
    fn a_cancelled_meeting_says_so() {
        let m = meeting(MeetingStatus::Cancelled);
        let a = Announcement {
            bpf_title: "BPF",
            list_address: "",
            from_address: "",
            meeting: &m,
            places: &[],
            ics: "",
        };
        let bytes = announcement_eml(&a, Utc::now()).unwrap();
        let msg = MessageParser::default().parse(&bytes).unwrap();
        assert!(msg.subject().unwrap().starts_with("[BPF] Cancelled: "));
        assert!(msg.body_text(0).unwrap().contains("has been cancelled"));
        assert!(msg.to().is_none());
    }
}
