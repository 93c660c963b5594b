//! A long report written in Markdown, for the tests and the benchmark: every element the
//! writers use (sub-sections, footnotes with links, long tables, lists, quotes, the house
//! style's blocks, a chart figure, cross-references, characters that are markup elsewhere).
//! And a short contribution laid out as a brief ([`brief`]).

use crate::assemble::{PartKind, SourcePart};
use crate::chart::bar_chart;
use crate::model::{Image, ImageFormat, Layout, Meta};

const WORDS: &[&str] = &[
    "policy",
    "stakeholders",
    "governance",
    "internet",
    "cooperation",
    "practice",
    "forum",
    "regional",
    "capacity",
    "development",
    "multistakeholder",
    "infrastructure",
    "accessibility",
    "interoperability",
    "implementation",
    "consultation",
    "recommendations",
    "participation",
    "connectivity",
    "security",
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "for",
    "with",
    "on",
    "their",
    "that",
    "across",
    "between",
    "community",
    "networks",
    "standards",
    "institutions",
    "frameworks",
    "evidence",
    "experience",
];

/// A small deterministic generator, so the same report comes out every time.
struct Words(u64);

impl Words {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn sentence(&mut self, n: usize) -> String {
        let words: Vec<&str> = (0..n).map(|_| WORDS[self.next() % WORDS.len()]).collect();
        let mut s = words.join(" ");
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s + "."
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| {
                let n = 9 + self.next() % 12;
                self.sentence(n)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn meta() -> Meta {
    Meta {
        title: "Best Practice Forum on Cybersecurity".into(),
        forum: "Internet Governance Forum 2026".into(),
        version_label: "Draft for public comment".into(),
        date: "28 September 2026".into(),
        date_iso: "2026-09-28".into(),
        comment_note: Some("Comments are welcome until 26 October 2026.".into()),
        author: "IGF Best Practice Forum on Cybersecurity".into(),
        lang: "en".into(),
        contents_title: "Contents".into(),
        layout: Layout::Report,
        addressee: Vec::new(),
    }
}

/// The chart every sample report shows as Figure 1.
pub fn chart_image() -> Image {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let bars: Vec<(String, u64)> = months
        .iter()
        .zip([12u64, 30, 44, 27, 61, 38, 22, 15, 49, 73, 58, 20])
        .map(|(m, v)| (format!("{m} 2026"), v))
        .collect();
    Image {
        name: "messages.svg".into(),
        format: ImageFormat::Svg,
        bytes: bar_chart(&bars, "Messages").into_bytes(),
    }
}

/// About `chapters` × 5 pages of report (12 chapters make some 60 pages).
pub fn long_report(chapters: usize) -> (Meta, Vec<SourcePart>, Vec<Image>) {
    let mut w = Words(42);
    let mut parts = vec![SourcePart {
        kind: PartKind::Front,
        title: "Acknowledgements".into(),
        anchor: "acknowledgements".into(),
        markdown: format!(
            "{}\n\nThe editors thank everyone who wrote to the list at <https://intgovforum.org/en/bpf-cybersecurity>.\n",
            w.paragraph(4)
        ),
        generated: Vec::new(),
    }];
    for c in 0..chapters {
        let mut md = String::new();
        md.push_str(&format!("{}[^c{c}a]\n\n", w.paragraph(5)));
        md.push_str(&format!(
            "[^c{c}a]: {} See <https://www.intgovforum.org/en/content/bpf-{c}>.\n\n",
            w.sentence(10)
        ));
        if c == 0 {
            md.push_str("Characters that are markup elsewhere print as themselves: # $ * < @ and `code`, 50% of #hashtags, $x^2$, <tag>, @mention, 1 < 2 > 0, C:\\path\\file and a_b_c.\n\n");
            let target = if chapters > 3 { "chapter-3-sub-1" } else { "chapter-0-sub-1" };
            md.push_str(&format!(
                "See [](#methodology) for how the work was done, and [the case studies](#{target}).\n\n"
            ));
        }
        for s in 0..3 {
            md.push_str(&format!("# {} {{#chapter-{c}-sub-{s}}}\n\n", w.sentence(4).trim_end_matches('.')));
            for p in 0..3 {
                md.push_str(&w.paragraph(4 + (p + s) % 3));
                if p != 1 {
                    md.push_str(&format!("[^c{c}s{s}p{p}]"));
                }
                md.push_str("\n\n");
                if p != 1 {
                    md.push_str(&format!("[^c{c}s{s}p{p}]: {} Source: [report {c}.{s}](https://example.org/reports/{c}/{s}?p={p}&lang=en).\n\n", w.sentence(12)));
                }
            }
            if s == 1 {
                md.push_str("- ");
                md.push_str(&w.sentence(14));
                md.push_str("\n- ");
                md.push_str(&w.sentence(10));
                md.push_str("\n  1. ");
                md.push_str(&w.sentence(8));
                md.push_str("\n  2. ");
                md.push_str(&w.sentence(9));
                md.push_str("\n\n");
            }
        }
        md.push_str(&format!(
            "::: observations\n{}\n\n- {}\n- {}\n:::\n\n",
            w.paragraph(3),
            w.sentence(12),
            w.sentence(11)
        ));
        md.push_str(&format!(
            "::: challenges Challenges and areas for improvement\n{}\n:::\n\n",
            w.paragraph(3)
        ));
        md.push_str(&format!(
            "::: recommendations\n1. {}\n2. {}\n3. {}\n:::\n\n",
            w.sentence(15),
            w.sentence(13),
            w.sentence(14)
        ));
        let rows = if c % 4 == 1 { 60 } else { 6 };
        md.push_str(&format!("Table: Contributions reviewed for chapter {}\n\n", c + 1));
        md.push_str("| No. | Contributor | Region | Summary |\n|---:|---|:---:|---|\n");
        for r in 0..rows {
            md.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                r + 1,
                w.sentence(2).trim_end_matches('.'),
                ["Africa", "Asia-Pacific", "Europe", "Latin America", "North America"][r % 5],
                w.sentence(8 + r % 10)
            ));
        }
        md.push('\n');
        if c == 1 {
            md.push_str("![Messages on the mailing list per month](messages.svg)\n\n");
            md.push_str(&format!("> {}\n\n", w.paragraph(2)));
        }
        let (kind, title, anchor) = match c {
            1 => (PartKind::Chapter, "Methodology and BPF activities".to_owned(), "methodology".to_owned()),
            _ => (PartKind::Chapter, w.sentence(5).trim_end_matches('.').to_owned(), format!("chapter-{c}")),
        };
        parts.push(SourcePart { kind, title, anchor, markdown: md, generated: Vec::new() });
    }
    parts.push(SourcePart {
        kind: PartKind::Annex,
        title: "Terms of reference".into(),
        anchor: "annex-tor".into(),
        markdown: format!("{}\n\n{}\n", w.paragraph(6), w.paragraph(5)),
        generated: Vec::new(),
    });
    (meta(), parts, vec![chart_image()])
}

/// A contribution sent to the forum, laid out as a brief: an addressee block, a credit line in
/// the note, two sections with footnotes, a captioned table and a recommendations block (about
/// a page and a half).
pub fn brief() -> (Meta, Vec<SourcePart>, Vec<Image>) {
    let meta = Meta {
        title: "Putting cyber norms into practice: lessons from national response teams".into(),
        version_label: "Contribution".into(),
        date: "14 July 2026".into(),
        date_iso: "2026-07-14".into(),
        comment_note: Some(
            "Contributed by the Asia Pacific Computer Emergency Response Team (APCERT) in answer to the call for contributions of 2 June 2026. Published as received."
                .into(),
        ),
        layout: Layout::Brief,
        addressee: vec![
            "Ms Amina Diallo".into(),
            "Coordinator, Best Practice Forum on Cybersecurity".into(),
            "IGF Secretariat, United Nations Office at Geneva".into(),
            "Palais des Nations, 1211 Geneva 10, Switzerland".into(),
        ],
        ..meta()
    };
    let context = "\
National computer emergency response teams (CERTs) are where the voluntary norms of responsible \
state behaviour meet daily practice.[^norms] This contribution draws on the experience of twelve \
teams in the Asia-Pacific region between 2023 and 2026, gathered through a questionnaire and two \
online workshops.

Three findings stand out. First, teams that publish how they handle requests from abroad receive \
more of them, and answer them sooner. Second, cooperation works best where points of contact are \
tested regularly rather than listed once. Third, smaller teams lack the staff to take part in \
regional exercises, which is where most of the trust between teams is built.[^drill]

[^norms]: The eleven norms of the 2015 report of the Group of Governmental Experts, welcomed by \
the General Assembly in resolution 70/237: <https://undocs.org/A/RES/70/237>.
[^drill]: The APCERT Drill 2025 brought together 31 teams from 23 economies.
";
    let evidence = "\
The teams counted the requests for assistance they received from other countries and how fast \
they answered them (see [](#context) for how the figures were gathered).

Table: Requests for assistance handled by the contributing teams

| Year | Requests | Answered within 24 hours | Teams reporting |
|---:|---:|---:|---:|
| 2023 | 1,240 | 71% | 9 |
| 2024 | 1,515 | 78% | 11 |
| 2025 | 1,802 | 84% | 12 |

The share of requests answered within a day rose as more teams adopted a published handling \
policy; the three teams that have none still answer fewer than half of them within a day.[^policy]

[^policy]: A handling policy in the sense of RFC 2350, published on the team's website.

::: recommendations
1. Publish how the team handles requests from abroad, in which languages and at what hours.
2. Test the points of contact at least twice a year, and publish the results of the tests.
3. Pool places in regional exercises for small teams through the regional association.
:::

The contributing teams would welcome the chance to present these findings at the forum's \
session during the annual meeting.
";
    let part = |kind, title: &str, anchor: &str, markdown: &str| SourcePart {
        kind,
        title: title.into(),
        anchor: anchor.into(),
        markdown: markdown.into(),
        generated: Vec::new(),
    };
    let parts = vec![
        part(PartKind::Chapter, "Context and method", "context", context),
        part(PartKind::Chapter, "Evidence from the region", "evidence", evidence),
    ];
    (meta, parts, Vec::new())
}
