//! The report's live parts, made from the project data: the coordinating team and participants
//! (acknowledgements), the BPF's activities in figures (methodology), and the generated annexes.

use bpf_domain::contributions::{Call, Contribution};
use bpf_domain::mail::{ListStats, Snapshot};
use bpf_domain::meeting::{Meeting, MeetingStatus};
use bpf_domain::report::long_date;
use bpf_domain::{Milestone, MilestoneKind, MilestoneStatus, TeamMember, Workstream};
use chrono_tz::Tz;

use crate::markdown::column_widths;
use crate::model::{Align, Block, Image, ImageFormat, Inline, Table};

/// The name of the chart of monthly messages among the report's images.
pub const MESSAGES_CHART: &str = "bpf-desk-list-messages.svg";

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph { content: vec![Inline::text(text)] }
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        number: None,
        anchor: crate::markdown::slug(text),
        text: vec![Inline::text(text)],
    }
}

/// A table of plain text cells with its caption, columns sized to their content.
pub fn table(caption: &str, header: &[&str], align: &[Align], rows: Vec<Vec<String>>) -> Block {
    let header: Vec<Vec<Inline>> = header.iter().map(|h| vec![Inline::text(*h)]).collect();
    let rows: Vec<Vec<Vec<Inline>>> =
        rows.into_iter().map(|r| r.into_iter().map(|c| vec![Inline::text(c)]).collect()).collect();
    let widths = column_widths(&header, &rows);
    Block::Table(Table {
        number: None,
        caption: Some(vec![Inline::text(caption)]),
        align: align.to_vec(),
        header,
        rows,
        widths,
    })
}

/// "Ana Pérez (ICANN), MAG facilitator" for each team member, facilitators first; then the
/// contributors who may be named, and the people who took part in the meetings.
pub fn acknowledgements(team: &[TeamMember], contributors: &[String], participants: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !team.is_empty() {
        blocks.push(heading(2, "Coordinating team"));
        let mut team: Vec<&TeamMember> = team.iter().collect();
        team.sort_by_key(|t| {
            (bpf_domain::Role::ALL.iter().position(|r| *r == t.role), t.name.to_lowercase())
        });
        let items = team
            .into_iter()
            .map(|t| {
                let who = if t.organisation.trim().is_empty() {
                    t.name.clone()
                } else {
                    format!("{} ({})", t.name, t.organisation)
                };
                vec![Block::Paragraph {
                    content: vec![
                        Inline::Strong { content: vec![Inline::text(who)] },
                        Inline::text(format!(", {}", t.role.label())),
                    ],
                }]
            })
            .collect();
        blocks.push(Block::List { ordered: false, start: 1, items });
    }
    if !contributors.is_empty() {
        blocks.push(heading(2, "Contributors"));
        blocks.push(para(format!(
            "The BPF thanks those who sent contributions: {}. Their contributions are listed in the annex.",
            contributors.join(", ")
        )));
    }
    if !participants.is_empty() {
        blocks.push(heading(2, "Participants"));
        blocks.push(para(format!(
            "The BPF thanks the {} people who took part in its virtual meetings: {}.",
            participants.len(),
            participants.join(", ")
        )));
    }
    blocks
}

/// The meetings held, the list's figures with a chart of monthly messages, and the calls for
/// contributions; the chart is returned as an image to add to the document's.
pub fn activities(
    meetings: &[Meeting],
    stats: Option<&ListStats>,
    latest_snapshot: Option<&Snapshot>,
    calls: &[Milestone],
) -> (Vec<Block>, Option<Image>) {
    let mut blocks = vec![heading(2, "The BPF’s activities in figures")];
    let held: Vec<&Meeting> = meetings.iter().filter(|m| m.status == MeetingStatus::Held).collect();
    blocks.push(heading(3, "Meetings"));
    if held.is_empty() {
        blocks.push(para("No meeting has been recorded as held yet."));
    } else {
        let attendance: u32 = held.iter().map(|m| m.attendees).sum();
        let with_lists = held.iter().filter(|m| m.attendees > 0).count();
        let mut text =
            format!("The BPF held {} meeting{}", held.len(), if held.len() == 1 { "" } else { "s" });
        if let (Some(first), Some(last)) = (held.first(), held.last()) {
            text.push_str(&format!(
                " between {} and {}",
                long_date(first.start.date_naive()),
                long_date(last.start.date_naive())
            ));
        }
        if with_lists > 0 {
            text.push_str(&format!(", with {attendance} attendances recorded at {with_lists} of them"));
        }
        text.push_str(". Annex “BPF meetings” gives the times and attendance of each.");
        blocks.push(para(text));
    }
    blocks.push(heading(3, "Mailing list"));
    let mut chart = None;
    match stats {
        Some(s) if s.messages > 0 => {
            let mut text = format!(
                "Between {} and {}, {} messages in {} threads were posted to the mailing list by {} people",
                long_date(s.from),
                long_date(s.to),
                s.messages,
                s.threads,
                s.posters
            );
            if let Some(snap) = latest_snapshot {
                text.push_str(&format!(
                    "; on {} the list had {} subscribers",
                    long_date(snap.taken_on),
                    snap.subscribers
                ));
            }
            text.push_str(&format!(
                ". {:.0} % of the messages came from the coordinating team.",
                s.team_share * 100.0
            ));
            blocks.push(para(text));
            let bars: Vec<(String, u64)> = s
                .periods
                .iter()
                .map(|p| (p.start.format("%b %Y").to_string(), u64::from(p.messages)))
                .collect();
            chart = Some(Image {
                name: MESSAGES_CHART.into(),
                format: ImageFormat::Svg,
                bytes: crate::chart::bar_chart(&bars, "Messages").into_bytes(),
            });
            blocks.push(Block::Figure {
                number: 0,
                image: MESSAGES_CHART.into(),
                caption: vec![Inline::text("Messages to the mailing list per month")],
                alt: format!("Bar chart of messages per month, {} in all", s.messages),
            });
        }
        _ => blocks.push(para(match latest_snapshot {
            Some(snap) => format!(
                "On {} the mailing list had {} subscribers; no archive has been imported.",
                long_date(snap.taken_on),
                snap.subscribers
            ),
            None => "No mailing-list archive has been imported.".into(),
        })),
    }
    blocks.push(heading(3, "Calls for contributions"));
    let calls: Vec<&Milestone> =
        calls.iter().filter(|m| m.kind == MilestoneKind::CallForContributions).collect();
    if calls.is_empty() {
        blocks.push(para("No call for contributions is in the work plan."));
    } else {
        let items = calls
            .iter()
            .map(|m| {
                let when = match m.end_date {
                    Some(end) => format!("{} to {}", long_date(m.date), long_date(end)),
                    None => long_date(m.date),
                };
                let state = if m.status == MilestoneStatus::Done { "" } else { " (planned)" };
                vec![para(format!("{}: {when}{state}", m.title))]
            })
            .collect();
        blocks.push(Block::List { ordered: false, start: 1, items });
    }
    (blocks, chart)
}

/// "Tue 12 May 2026, 13:00–14:30 UTC (15:00 CEST)".
fn meeting_time(m: &Meeting) -> String {
    let end = m.start + chrono::Duration::minutes(i64::from(m.minutes));
    let utc = format!(
        "{}, {}–{} UTC",
        m.start.format("%a %-d %b %Y"),
        m.start.format("%H:%M"),
        end.format("%H:%M")
    );
    match m.zone.parse::<Tz>() {
        Ok(tz) if m.zone != "UTC" => format!(
            "{utc} ({} {})",
            m.start.with_timezone(&tz).format("%H:%M"),
            m.start.with_timezone(&tz).format("%Z")
        ),
        _ => utc,
    }
}

/// Every meeting held, with its time (UTC and the organiser's zone) and attendance.
pub fn annex_meetings(meetings: &[Meeting]) -> Vec<Block> {
    let held: Vec<&Meeting> = meetings.iter().filter(|m| m.status == MeetingStatus::Held).collect();
    if held.is_empty() {
        return vec![para("No meeting has been recorded as held yet.")];
    }
    let rows = held
        .iter()
        .map(|m| {
            vec![
                m.title.clone(),
                m.kind.label().to_owned(),
                meeting_time(m),
                if m.attendees == 0 { "not recorded".into() } else { m.attendees.to_string() },
            ]
        })
        .collect();
    vec![table(
        "Meetings held",
        &["Meeting", "Kind", "Date and time", "Attendees"],
        &[Align::Left, Align::Left, Align::Left, Align::Right],
        rows,
    )]
}

/// The work plan: each workstream's milestones, then those of no workstream.
pub fn annex_work_plan(workstreams: &[Workstream], milestones: &[Milestone]) -> Vec<Block> {
    let rows_of = |ms: Vec<&Milestone>| -> Vec<Vec<String>> {
        ms.into_iter()
            .map(|m| {
                let when = match m.end_date {
                    Some(end) => format!("{} – {}", long_date(m.date), long_date(end)),
                    None => long_date(m.date),
                };
                let status = if m.status == MilestoneStatus::Done { "Done" } else { "Planned" };
                vec![
                    m.title.clone(),
                    when,
                    if m.owner.is_empty() { "–".into() } else { m.owner.clone() },
                    status.into(),
                ]
            })
            .collect()
    };
    let header = ["Milestone", "Dates", "Owner", "Status"];
    let align = [Align::Left, Align::Left, Align::Left, Align::Left];
    let mut blocks = Vec::new();
    for w in workstreams {
        let ms: Vec<&Milestone> = milestones.iter().filter(|m| m.workstream_id == Some(w.id)).collect();
        blocks.push(heading(2, &w.name));
        let mut intro = Vec::new();
        if !w.objective.trim().is_empty() {
            let objective = w.objective.trim();
            let stop = if objective.ends_with(['.', '!', '?']) { "" } else { "." };
            intro.push(format!("Objective: {objective}{stop}"));
        }
        if !w.lead.trim().is_empty() {
            intro.push(format!("Led by {}.", w.lead.trim()));
        }
        if !intro.is_empty() {
            blocks.push(para(intro.join(" ")));
        }
        if ms.is_empty() {
            blocks.push(para("No milestone in this workstream."));
        } else {
            blocks.push(table(&format!("Milestones of “{}”", w.name), &header, &align, rows_of(ms)));
        }
    }
    let general: Vec<&Milestone> = milestones.iter().filter(|m| m.workstream_id.is_none()).collect();
    if !general.is_empty() {
        if !workstreams.is_empty() {
            blocks.push(heading(2, "The BPF as a whole"));
        }
        blocks.push(table("Milestones of the BPF as a whole", &header, &align, rows_of(general)));
    }
    if blocks.is_empty() {
        blocks.push(para("The work plan is empty."));
    }
    blocks
}

/// "Ana Souza (NIC.br)", or the organisation alone when it is the contributor.
pub fn credited_name(c: &Contribution) -> String {
    if c.organisation.is_empty() || c.organisation == c.contributor {
        c.contributor.clone()
    } else {
        format!("{} ({})", c.contributor, c.organisation)
    }
}

/// Each call for contributions with the contributions it received (credited where the
/// contributor gave permission), then those received outside a call.
pub fn annex_contributions(calls: &[Call], contributions: &[Contribution]) -> Vec<Block> {
    if contributions.is_empty() && calls.is_empty() {
        return vec![para(
            "No call for contributions has been launched and no contribution has been received yet.",
        )];
    }
    let mut blocks = Vec::new();
    let groups: Vec<(Option<&Call>, Vec<&Contribution>)> = calls
        .iter()
        .map(|call| (Some(call), contributions.iter().filter(|c| c.call_id == Some(call.id)).collect()))
        .chain(std::iter::once((
            None,
            contributions
                .iter()
                .filter(|c| c.call_id.is_none_or(|id| !calls.iter().any(|k| k.id == id)))
                .collect(),
        )))
        .filter(|(call, list): &(Option<&Call>, Vec<&Contribution>)| call.is_some() || !list.is_empty())
        .collect();
    for (call, list) in groups {
        blocks.push(heading(2, call.map_or("Other contributions", |c| c.title.as_str())));
        if let Some(call) = call {
            let channels = if call.channels.trim().is_empty() {
                String::new()
            } else {
                format!(", announced through {}", call.channels.trim())
            };
            let received = match list.len() {
                0 => "No contribution was received.".to_string(),
                1 => "One contribution was received.".to_string(),
                n => format!("{n} contributions were received."),
            };
            blocks.push(para(format!(
                "Open from {} to {}{channels}. {received}",
                long_date(call.opens_on),
                long_date(call.closes_on)
            )));
        }
        let named: Vec<&&Contribution> = list.iter().filter(|c| c.publish).collect();
        if !named.is_empty() {
            let rows = named
                .iter()
                .map(|c| {
                    vec![
                        c.title.clone(),
                        credited_name(c),
                        c.group.map_or("–".into(), |g| g.label().to_string()),
                        c.region.map_or("–".into(), |r| r.short().to_string()),
                        long_date(c.received_on),
                    ]
                })
                .collect();
            let caption = match call {
                Some(call) => format!("Contributions to “{}”", call.title),
                None => "Other contributions".to_string(),
            };
            blocks.push(table(
                &caption,
                &["Contribution", "Contributor", "Stakeholder group", "Region", "Received"],
                &[Align::Left, Align::Left, Align::Left, Align::Left, Align::Left],
                rows,
            ));
        }
        let unnamed = list.len() - named.len();
        if unnamed > 0 {
            blocks.push(para(match unnamed {
                1 => "One further contribution was received from a contributor who asked not to be named."
                    .to_string(),
                n => format!(
                    "{n} further contributions were received from contributors who asked not to be named."
                ),
            }));
        }
    }
    blocks
}
