//! The DOCX writer on a whole report: the parts it writes (styles, footnotes, the table of
//! contents field, repeating table headers, the footer's page field, the package's ids and
//! relationships), and the document as LibreOffice lays it out (converted to PDF, read back
//! with pdftotext, pages drawn to `target/docx-pages/` to look at).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod readers;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use bpf_report::docx::docx;
use bpf_report::model::{Align, CalloutKind, Table};
use bpf_report::{Block, Document, Image, ImageFormat, Inline, Layout, Meta, Part, ReportError};
use readers::{part_bytes, part_text};
use resvg::tiny_skia;
use resvg::usvg::roxmltree;

// ---------------------------------------------------------------------------------------------
// The report.

const TITLE: &str = "Best Practice Forum on Cybersecurity";
const TABLE_HEAD: &str = "Stakeholder group";
const NOTE_1: &str = "Figures collected by the secretariat in June";
const NOTE_2: &str = "The questionnaire is reproduced in the annex";
const NOTE_LINK: &str = "Published on the forum website";
const CHART_W: f32 = 400.0;

/// A 160 × 80 orange JPEG (ImageMagick, quality 40).
const SMALL_JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x14, 0x0E, 0x0F, 0x12, 0x0F, 0x0D, 0x14, 0x12, 0x10,
    0x12, 0x17, 0x15, 0x14, 0x18, 0x1E, 0x32, 0x21, 0x1E, 0x1C, 0x1C, 0x1E, 0x3D, 0x2C, 0x2E, 0x24, 0x32,
    0x49, 0x40, 0x4C, 0x4B, 0x47, 0x40, 0x46, 0x45, 0x50, 0x5A, 0x73, 0x62, 0x50, 0x55, 0x6D, 0x56, 0x45,
    0x46, 0x64, 0x88, 0x65, 0x6D, 0x77, 0x7B, 0x81, 0x82, 0x81, 0x4E, 0x60, 0x8D, 0x97, 0x8C, 0x7D, 0x96,
    0x73, 0x7E, 0x81, 0x7C, 0xFF, 0xDB, 0x00, 0x43, 0x01, 0x15, 0x17, 0x17, 0x1E, 0x1A, 0x1E, 0x3B, 0x21,
    0x21, 0x3B, 0x7C, 0x53, 0x46, 0x53, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C,
    0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C,
    0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0x7C,
    0x7C, 0x7C, 0x7C, 0x7C, 0x7C, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x50, 0x00, 0xA0, 0x03, 0x01, 0x22,
    0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xC4, 0x00, 0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xC4, 0x00, 0x14,
    0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0xFF, 0xC4, 0x00, 0x15, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xFF, 0xC4, 0x00, 0x14, 0x11, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x0C, 0x03,
    0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00, 0x88, 0x09, 0x4A, 0xC0, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0xFF, 0xD9,
];

fn t(s: &str) -> Inline {
    Inline::text(s)
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

fn text_para(s: &str) -> Block {
    para(vec![t(s)])
}

fn heading(level: u8, number: Option<&str>, anchor: &str, text: &str) -> Block {
    Block::Heading {
        level,
        number: number.map(str::to_owned),
        anchor: anchor.to_owned(),
        text: vec![t(text)],
    }
}

fn part(number: Option<&str>, title: &str, anchor: &str, blocks: Vec<Block>) -> Part {
    Part { number: number.map(str::to_owned), title: title.to_owned(), anchor: anchor.to_owned(), blocks }
}

fn filler(topic: &str, n: usize) -> Vec<Block> {
    (1..=n)
        .map(|i| {
            text_para(&format!(
                "Paragraph {i} on {topic}: participants from governments, the private sector, civil society and the technical \
                 community discussed how norms for responsible behaviour in cyberspace are put into practice, which capacity \
                 building efforts worked, and where cooperation between stakeholders still falls short of what is needed."
            ))
        })
        .collect()
}

fn chart_svg() -> Vec<u8> {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_W}" height="200" viewBox="0 0 400 200">
  <rect x="10" y="40" width="150" height="150" fill="#2F5496"/>
  <text x="200" y="110" font-family="Noto Sans" font-size="28" fill="#000000">Civil society</text>
</svg>"##
    )
    .into_bytes()
}

fn small_png() -> Vec<u8> {
    let mut pixmap = tiny_skia::Pixmap::new(240, 120).unwrap();
    pixmap.fill(tiny_skia::Color::from_rgba8(83, 129, 53, 255));
    pixmap.encode_png().unwrap()
}

fn report() -> Document {
    let meta = Meta {
        title: TITLE.to_owned(),
        forum: "Internet Governance Forum 2026".to_owned(),
        version_label: "Draft for public comment".to_owned(),
        date: "3 August 2026".to_owned(),
        date_iso: "2026-08-03".to_owned(),
        comment_note: Some("Comments are welcome until 15 October 2026.".to_owned()),
        author: "IGF Best Practice Forum on Cybersecurity".to_owned(),
        lang: "en".to_owned(),
        contents_title: "Contents".to_owned(),
        layout: Layout::Report,
        addressee: Vec::new(),
    };
    let front = vec![part(
        None,
        "Acknowledgements",
        "acknowledgements",
        vec![text_para("The forum thanks everyone who answered the survey and joined the meetings.")],
    )];

    let mut intro = vec![
        para(vec![
            t("This report gathers what the forum learned in 2026"),
            Inline::Footnote { content: vec![t(NOTE_1), t(".")] },
            t(". The method is set out in "),
            Inline::Ref { anchor: "methodology".to_owned(), content: vec![t("Chapter B")] },
            t(" and the survey in "),
            Inline::Ref { anchor: "survey-design".to_owned(), content: vec![t("section B.1")] },
            t(". Read more on the "),
            Inline::Link {
                url: "https://www.intgovforum.org/en".to_owned(),
                content: vec![t("IGF website")],
            },
            t("."),
        ]),
        heading(2, Some("A.1"), "background", "Background"),
        para(vec![
            t("Some text with "),
            Inline::Emph { content: vec![t("emphasis")] },
            t(", "),
            Inline::Strong { content: vec![t("strong words")] },
            t(", "),
            Inline::Strike { content: vec![t("struck text")] },
            t(", "),
            Inline::Code { text: "inline_code()".to_owned() },
            t(" and a line break"),
            Inline::LineBreak,
            t("after it."),
        ]),
        Block::List {
            ordered: false,
            start: 1,
            items: vec![
                vec![text_para("First bullet point")],
                vec![
                    text_para("Second bullet point, with a nested list"),
                    Block::List {
                        ordered: true,
                        start: 1,
                        items: vec![vec![text_para("Nested first")], vec![text_para("Nested second")]],
                    },
                ],
                vec![text_para("Third bullet point")],
            ],
        },
        heading(3, Some("A.1.1"), "earlier-work", "Earlier work"),
        Block::List {
            ordered: true,
            start: 3,
            items: vec![vec![text_para("Third step, numbered from three")], vec![text_para("Fourth step")]],
        },
        Block::Quote { blocks: vec![text_para("Cybersecurity is a shared responsibility.")] },
        Block::Code { text: "let answer = 42;\nprintln!(\"{answer}\");".to_owned() },
    ];
    intro.extend(filler("background", 4));

    let rows: Vec<Vec<Vec<Inline>>> = (1..=60)
        .map(|i| {
            vec![
                vec![t(&format!("Respondent {i:03}"))],
                vec![t(["Government", "Private sector", "Civil society", "Technical community"][i % 4])],
                vec![t(["Africa", "Asia-Pacific", "Europe", "Latin America", "North America"][i % 5])],
                vec![t(&format!("{}", (i * 7) % 100))],
            ]
        })
        .collect();
    let long_table = Table {
        number: Some(1),
        caption: Some(vec![t("Answers to the survey by respondent")]),
        align: vec![Align::Left, Align::Left, Align::Center, Align::Right],
        header: vec![vec![t("Respondent")], vec![t(TABLE_HEAD)], vec![t("Region")], vec![t("Score")]],
        rows,
        widths: vec![0.25, 0.35, 0.25, 0.15],
    };
    let mut method = vec![
        text_para("The forum combined a survey, open meetings and written contributions."),
        heading(2, Some("B.1"), "survey-design", "Survey design"),
        para(vec![
            t("The survey ran for six weeks"),
            Inline::Footnote {
                content: vec![
                    t(NOTE_LINK),
                    t(": "),
                    Inline::Link {
                        url: "https://www.intgovforum.org/en/bpf-cybersecurity".to_owned(),
                        content: vec![t("the BPF page")],
                    },
                    t("."),
                ],
            },
            t(" and reached all regions."),
        ]),
        Block::Table(long_table),
        Block::Callout {
            kind: CalloutKind::Observations,
            title: "Observations".to_owned(),
            blocks: vec![
                text_para("Answers came from every stakeholder group."),
                Block::List {
                    ordered: false,
                    start: 1,
                    items: vec![
                        vec![text_para("Governments answered most often.")],
                        vec![text_para("Few answers came from the technical community.")],
                    ],
                },
            ],
        },
        heading(2, Some("B.2"), "charts", "Charts"),
        Block::Figure {
            number: 1,
            image: "chart".to_owned(),
            caption: vec![t("Responses by stakeholder group")],
            alt: "A bar chart of the responses".to_owned(),
        },
        Block::Figure {
            number: 2,
            image: "photo".to_owned(),
            caption: vec![t("A green picture")],
            alt: "A green rectangle".to_owned(),
        },
    ];
    method.extend(filler("method", 2));

    let mut findings = vec![heading(2, Some("C.1"), "main-findings", "Main findings")];
    findings.push(para(vec![
        t("As "),
        Inline::Ref { anchor: "survey-design".to_owned(), content: vec![t("section B.1")] },
        t(" shows, answers differ by region"),
        Inline::Footnote {
            content: vec![
                t(NOTE_2),
                t(", see "),
                Inline::Ref { anchor: "annex-questionnaire".to_owned(), content: vec![t("Annex 1")] },
                t("."),
            ],
        },
        t("."),
    ]));
    findings.extend(filler("findings", 6));
    findings.push(heading(3, Some("C.1.1"), "regional-differences", "Regional differences"));
    findings.extend(filler("regions", 3));
    findings.push(heading(4, None, "a-detail", "A detail"));
    findings.push(Block::Rule);
    findings.push(Block::Callout {
        kind: CalloutKind::Recommendations,
        title: String::new(),
        blocks: vec![text_para("Keep the survey open for longer next year.")],
    });
    findings.push(heading(2, Some("C.2"), "next-steps", "Next steps"));
    findings.extend(filler("next steps", 2));

    let annex = vec![
        text_para("The questions as they were asked."),
        Block::Figure {
            number: 3,
            image: "scan".to_owned(),
            caption: vec![t("An orange scan")],
            alt: "An orange rectangle".to_owned(),
        },
        Block::Table(Table {
            number: None,
            caption: None,
            align: vec![Align::Left, Align::Left],
            header: vec![vec![t("Question")], vec![t("Kind")]],
            rows: vec![
                vec![vec![t("Which group are you in?")], vec![t("Choice")]],
                vec![vec![t("What worked?")], vec![t("Free text")]],
            ],
            widths: vec![0.7, 0.3],
        }),
    ];

    Document {
        meta,
        front,
        chapters: vec![
            part(Some("A"), "Introduction", "introduction", intro),
            part(Some("B"), "Methodology", "methodology", method),
            part(Some("C"), "Findings", "findings", findings),
        ],
        annexes: vec![part(Some("Annex 1"), "Survey questionnaire", "annex-questionnaire", annex)],
        images: vec![
            Image { name: "chart".to_owned(), format: ImageFormat::Svg, bytes: chart_svg() },
            Image { name: "photo".to_owned(), format: ImageFormat::Png, bytes: small_png() },
            Image { name: "scan".to_owned(), format: ImageFormat::Jpeg, bytes: SMALL_JPEG.to_vec() },
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the DOCX back.

struct Written {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn write_docx(doc: &Document) -> Written {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    std::fs::write(&path, docx(doc).expect("the report is written")).unwrap();
    Written { _dir: dir, path }
}

fn written() -> &'static Written {
    static WRITTEN: OnceLock<Written> = OnceLock::new();
    WRITTEN.get_or_init(|| write_docx(&report()))
}

fn part_names(docx: &Path) -> Vec<String> {
    let out = Command::new("unzip").arg("-Z1").arg(docx).output().expect("unzip runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.ends_with('/')).map(str::to_owned).collect()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn w_attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn elements<'a, 'i>(doc: &'a roxmltree::Document<'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The parts.

#[test]
fn styles_are_word_styles_with_outline_levels_and_the_house_fonts() {
    let styles = part_text(&written().path, "word/styles.xml");
    let xml = roxmltree::Document::parse(&styles).expect("styles.xml is well-formed");
    let by_id: HashMap<&str, roxmltree::Node> =
        elements(&xml, "style").into_iter().map(|s| (w_attr(s, "styleId").unwrap(), s)).collect();
    let name = |id: &str| {
        let style = by_id.get(id).unwrap_or_else(|| panic!("no style {id}"));
        style
            .children()
            .find(|c| c.tag_name().name() == "name")
            .and_then(|n| w_attr(n, "val"))
            .unwrap()
            .to_owned()
    };
    for (id, expected) in [
        ("Normal", "Normal"),
        ("Title", "Title"),
        ("Subtitle", "Subtitle"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Heading3", "heading 3"),
        ("Caption", "caption"),
        ("ListBullet", "List Bullet"),
        ("ListNumber", "List Number"),
        ("Quote", "Quote"),
        ("Code", "Code"),
        ("FootnoteText", "footnote text"),
        ("FootnoteReference", "footnote reference"),
        ("TOC1", "toc 1"),
        ("Header", "header"),
        ("Footer", "footer"),
        ("Hyperlink", "Hyperlink"),
    ] {
        assert_eq!(name(id), expected, "style {id}");
    }
    // One style per id (docx-rs adds a second, empty "Normal" of its own).
    assert_eq!(elements(&xml, "style").len(), by_id.len(), "style ids are unique");
    for (level, id) in ["Heading1", "Heading2", "Heading3"].iter().enumerate() {
        let outline = by_id[id]
            .descendants()
            .find(|n| n.tag_name().name() == "outlineLvl")
            .and_then(|n| w_attr(n, "val"));
        assert_eq!(outline, Some(level.to_string().as_str()), "{id} has outline level {level}");
        let fonts = by_id[id]
            .descendants()
            .find(|n| n.tag_name().name() == "rFonts")
            .and_then(|n| w_attr(n, "ascii"));
        assert_eq!(fonts, Some("Calibri"), "{id} is set in Calibri");
    }
    let normal_font = by_id["Normal"]
        .descendants()
        .find(|n| n.tag_name().name() == "rFonts")
        .and_then(|n| w_attr(n, "ascii"));
    assert_eq!(normal_font, Some("Cambria"));
    let normal_size =
        by_id["Normal"].descendants().find(|n| n.tag_name().name() == "sz").and_then(|n| w_attr(n, "val"));
    assert_eq!(normal_size, Some("22"), "Normal is 11 pt");
    assert!(styles.contains(r#"<w:lang w:val="en"/>"#), "the text's language is set");
}

#[test]
fn document_has_toc_field_repeating_header_row_footnotes_and_page_footer() {
    let path = &written().path;
    let document = part_text(path, "word/document.xml");
    assert!(
        document
            .contains(r#"<w:instrText xml:space="preserve"> TOC \o &quot;1-3&quot; \h \z \u </w:instrText>"#),
        "a real TOC field"
    );
    assert!(document.contains("PAGEREF"), "TOC entries carry page references");
    assert!(document.contains(r#"w:pStyle w:val="TOC2""#), "sub-sections are listed in the TOC");
    assert_eq!(document.matches("<w:tblHeader/>").count(), 2, "both tables' header rows repeat");
    assert!(document.contains("<w:titlePg/>"), "the cover has its own (empty) header and footer");
    for heading in [
        "A. Introduction",
        "B. Methodology",
        "C. Findings",
        "Annex 1. Survey questionnaire",
        "Acknowledgements",
    ] {
        assert!(
            document.contains(&format!(r#"<w:t xml:space="preserve">{heading}</w:t>"#)),
            "heading {heading}"
        );
    }
    assert_eq!(
        document.matches("<w:pageBreakBefore/>").count(),
        6,
        "the contents and each of the five parts start a page"
    );

    let footnotes = part_text(path, "word/footnotes.xml");
    for note in [NOTE_1, NOTE_2, NOTE_LINK] {
        assert!(footnotes.contains(note), "footnote {note:?} in footnotes.xml");
    }
    assert!(
        footnotes.contains(r#" HYPERLINK &quot;https://www.intgovforum.org/en/bpf-cybersecurity&quot; "#),
        "a link in a footnote is a HYPERLINK field (footnotes have no relationships)"
    );
    assert_eq!(document.matches("<w:footnoteReference ").count(), 3);

    let footer = part_text(path, "word/footer1.xml");
    assert!(
        footer.contains(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#),
        "the footer numbers the pages"
    );
    let header = part_text(path, "word/header1.xml");
    assert!(header.contains(TITLE), "the running header is the title");
    let cover_header = part_text(path, "word/header2.xml");
    assert!(!cover_header.contains(TITLE), "the cover has no running header");

    let core = part_text(path, "docProps/core.xml");
    assert!(core.contains(&format!("<dc:title>{TITLE}</dc:title>")));
    assert!(core.contains("<dc:creator>IGF Best Practice Forum on Cybersecurity</dc:creator>"));
    assert!(core.contains("<dc:language>en</dc:language>"));

    let numbering = part_text(path, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:startOverride w:val="3"/>"#), "the list that starts at 3 says so");
    assert!(numbering.contains(r#"<w:numFmt w:val="bullet"/>"#));
    let nested = document.matches(r#"<w:ilvl w:val="1"/>"#).count();
    assert_eq!(nested, 2, "the nested list's items are on level 2");
}

/// What Word checks before it offers to repair a document: every part well-formed and typed,
/// every relationship id used present and every internal target in the archive, drawing ids,
/// bookmark ids and names, footnote ids, numbering ids and style ids consistent, fields closed.
#[test]
fn package_is_consistent() {
    let path = &written().path;
    let names = part_names(path);
    let content_types = part_text(path, "[Content_Types].xml");
    let types = roxmltree::Document::parse(&content_types).unwrap();
    let defaults: HashSet<&str> = types
        .descendants()
        .filter(|n| n.tag_name().name() == "Default")
        .map(|n| n.attribute("Extension").unwrap())
        .collect();
    let overrides: HashSet<&str> = types
        .descendants()
        .filter(|n| n.tag_name().name() == "Override")
        .map(|n| n.attribute("PartName").unwrap())
        .collect();
    for name in &names {
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            overrides.contains(format!("/{name}").as_str()) || defaults.contains(ext),
            "{name} has a content type"
        );
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = part_text(path, name);
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
        }
    }
    for part in overrides {
        assert!(names.iter().any(|n| format!("/{n}") == part), "{part} is in the archive");
    }

    let rels_text = part_text(path, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels_text).unwrap();
    let mut rel_ids = HashSet::new();
    for rel in rels.descendants().filter(|n| n.tag_name().name() == "Relationship") {
        assert!(rel_ids.insert(rel.attribute("Id").unwrap().to_owned()), "relationship ids are unique");
        if rel.attribute("TargetMode") != Some("External") {
            let target = format!("word/{}", rel.attribute("Target").unwrap());
            assert!(names.contains(&target), "{target} is in the archive");
        } else {
            let target = rel.attribute("Target").unwrap();
            assert!(target.chars().all(|c| c.is_ascii_graphic()), "{target} is a URI");
        }
    }

    let document_text = part_text(path, "word/document.xml");
    let document = roxmltree::Document::parse(&document_text).unwrap();
    for node in document.descendants() {
        for attr in [(R, "id"), (R, "embed")] {
            if let Some(id) = node.attribute(attr) {
                assert!(rel_ids.contains(id), "relationship {id} exists");
            }
        }
    }
    let drawing_ids: Vec<&str> = document
        .descendants()
        .filter(|n| n.tag_name().name() == "docPr")
        .map(|n| n.attribute("id").unwrap())
        .collect();
    assert_eq!(drawing_ids.len(), 3);
    assert_eq!(drawing_ids.iter().collect::<HashSet<_>>().len(), drawing_ids.len(), "drawing ids are unique");

    let starts = elements(&document, "bookmarkStart");
    let start_ids: HashSet<&str> = starts.iter().map(|n| w_attr(*n, "id").unwrap()).collect();
    let end_ids: HashSet<&str> =
        elements(&document, "bookmarkEnd").iter().map(|n| w_attr(*n, "id").unwrap()).collect();
    assert_eq!(start_ids.len(), starts.len(), "bookmark ids are unique");
    assert_eq!(start_ids, end_ids, "every bookmark ends");
    let bookmark_names: HashSet<&str> = starts.iter().map(|n| w_attr(*n, "name").unwrap()).collect();
    for name in &bookmark_names {
        assert!(
            name.len() <= 40 && name.starts_with(|c: char| c.is_ascii_alphabetic()),
            "{name} is a Word bookmark name"
        );
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{name} is a Word bookmark name"
        );
    }
    let footnotes_text = part_text(path, "word/footnotes.xml");
    let footnotes = roxmltree::Document::parse(&footnotes_text).unwrap();
    for doc in [&document, &footnotes] {
        for link in elements(doc, "hyperlink") {
            if let Some(anchor) = w_attr(link, "anchor") {
                assert!(bookmark_names.contains(anchor), "the link to {anchor} lands on a bookmark");
            }
        }
    }
    for anchor in ["methodology", "survey_design", "annex_questionnaire"] {
        assert!(bookmark_names.contains(anchor), "bookmark {anchor}");
    }
    assert!(
        document_text.contains(r#"<w:hyperlink w:anchor="survey_design" w:history="1">"#),
        "a cross-reference links to its heading's bookmark"
    );

    let note_ids: HashSet<&str> =
        elements(&footnotes, "footnote").iter().map(|n| w_attr(*n, "id").unwrap()).collect();
    for reference in elements(&document, "footnoteReference") {
        assert!(note_ids.contains(w_attr(reference, "id").unwrap()), "the footnote exists");
    }
    assert!(note_ids.contains("-1") && note_ids.contains("0"), "the separators Word expects");

    let numbering_text = part_text(path, "word/numbering.xml");
    let numbering = roxmltree::Document::parse(&numbering_text).unwrap();
    let num_ids: HashSet<&str> =
        elements(&numbering, "num").iter().map(|n| w_attr(*n, "numId").unwrap()).collect();
    let abstract_ids: Vec<&str> =
        elements(&numbering, "abstractNum").iter().map(|n| w_attr(*n, "abstractNumId").unwrap()).collect();
    assert_eq!(abstract_ids.iter().collect::<HashSet<_>>().len(), abstract_ids.len());
    for num in elements(&document, "numId") {
        assert!(num_ids.contains(w_attr(num, "val").unwrap()), "numbering instance exists");
    }

    let styles_text = part_text(path, "word/styles.xml");
    let styles = roxmltree::Document::parse(&styles_text).unwrap();
    let style_ids: HashSet<&str> =
        elements(&styles, "style").iter().map(|n| w_attr(*n, "styleId").unwrap()).collect();
    for part in ["word/document.xml", "word/footnotes.xml", "word/header1.xml", "word/footer1.xml"] {
        let text = part_text(path, part);
        let xml = roxmltree::Document::parse(&text).unwrap();
        for kind in ["pStyle", "rStyle", "tblStyle"] {
            for node in elements(&xml, kind) {
                let id = w_attr(node, "val").unwrap();
                assert!(style_ids.contains(id), "style {id} used in {part} is defined");
            }
        }
        let mut depth = 0i32;
        for node in elements(&xml, "fldChar") {
            match w_attr(node, "fldCharType").unwrap() {
                "begin" => depth += 1,
                "end" => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "a field ends before it begins in {part}");
        }
        assert_eq!(depth, 0, "every field in {part} ends");
    }
}

#[test]
fn the_same_report_gives_the_same_parts() {
    let again = write_docx(&report());
    for name in part_names(&written().path) {
        assert_eq!(part_bytes(&written().path, &name), part_bytes(&again.path, &name), "{name}");
    }
}

#[test]
fn pictures_svg_rasterised_at_twice_its_size_with_its_text_png_and_jpeg_as_they_are() {
    let path = &written().path;
    let rels = part_text(path, "word/_rels/document.xml.rels");
    assert_eq!(rels.matches("/relationships/image\"").count(), 3);
    // The chart is the first picture.
    let png = part_bytes(path, "word/media/image1.png");
    let pixmap = tiny_skia::Pixmap::decode_png(&png).expect("the chart is a PNG");
    assert_eq!(pixmap.width(), 2 * CHART_W as u32, "drawn at twice its size");
    assert_eq!(pixmap.height(), 400);
    // The words are drawn in black, right of the bar: only the bundled fonts can draw them.
    let dark_text = (0..pixmap.height())
        .flat_map(|y| (400..pixmap.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| pixmap.pixel(x, y).is_some_and(|p| p.red() < 80 && p.green() < 80 && p.blue() < 80))
        .count();
    assert!(dark_text > 500, "the chart's text is drawn ({dark_text} dark pixels)");
    // Shown at its own size: 400 CSS px = 3 810 000 EMU.
    let document = part_text(path, "word/document.xml");
    assert!(document.contains(r#"<wp:extent cx="3810000" cy="1905000"/>"#));
    let photo = part_bytes(path, "word/media/image2.png");
    assert_eq!(photo, small_png(), "a PNG is embedded as it is");
    // docx-rs names every picture .png: the JPEG's content type says what it is.
    assert_eq!(part_bytes(path, "word/media/image3.png"), SMALL_JPEG, "a JPEG is embedded as it is");
    let types = part_text(path, "[Content_Types].xml");
    assert!(types.contains(r#"<Override PartName="/word/media/image3.png" ContentType="image/jpeg"/>"#));
    // 160 × 80 px at 96 dpi.
    assert!(document.contains(r#"<wp:extent cx="1524000" cy="762000"/>"#));
}

#[test]
fn a_missing_or_broken_picture_is_an_image_error() {
    let mut doc = report();
    doc.images.retain(|i| i.name != "photo");
    match docx(&doc) {
        Err(ReportError::Image { name, .. }) => assert_eq!(name, "photo"),
        other => panic!("expected an image error, got {:?}", other.map(|b| b.len())),
    }
    let mut doc = report();
    doc.images[0].bytes = b"<svg this is not".to_vec();
    assert!(matches!(docx(&doc), Err(ReportError::Image { name, .. }) if name == "chart"));
    let mut doc = report();
    doc.images[1].bytes = b"\x89PNG\r\n\x1a\nshort".to_vec();
    assert!(matches!(docx(&doc), Err(ReportError::Image { name, .. }) if name == "photo"));
}

#[test]
fn an_empty_report_is_still_a_document() {
    let mut doc = report();
    doc.front.clear();
    doc.chapters.clear();
    doc.annexes.clear();
    let written = write_docx(&doc);
    let document = part_text(&written.path, "word/document.xml");
    roxmltree::Document::parse(&document).unwrap();
    assert!(document.contains(r#" TOC \o"#));
}

// ---------------------------------------------------------------------------------------------
// As LibreOffice lays it out.

struct Rendered {
    _dir: tempfile::TempDir,
    pdf: PathBuf,
    /// The text of each page (`pdftotext -layout`), first page first.
    pages: Vec<String>,
}

fn out_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("docx-pages")
}

fn rendered() -> Option<&'static Rendered> {
    static RENDERED: OnceLock<Option<Rendered>> = OnceLock::new();
    RENDERED
        .get_or_init(|| {
            if Command::new("soffice").arg("--version").output().is_err() {
                eprintln!("skipped: LibreOffice (soffice) is not installed");
                return None;
            }
            let dir = tempfile::tempdir().unwrap();
            let docx_path = dir.path().join("report.docx");
            std::fs::copy(&written().path, &docx_path).unwrap();
            let profile = dir.path().join("profile");
            let status = Command::new("soffice")
                .arg(format!("-env:UserInstallation=file://{}", profile.display()))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dir.path())
                .arg(&docx_path)
                .output()
                .expect("soffice runs");
            assert!(status.status.success(), "soffice failed: {}", String::from_utf8_lossy(&status.stderr));
            let pdf = dir.path().join("report.pdf");
            assert!(pdf.exists(), "LibreOffice wrote the PDF: {}", String::from_utf8_lossy(&status.stdout));

            let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo runs");
            let info = String::from_utf8_lossy(&info.stdout).to_string();
            let count: u32 =
                info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
            let pages = (1..=count)
                .map(|page| {
                    let out = Command::new("pdftotext")
                        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
                        .arg(&pdf)
                        .arg("-")
                        .output()
                        .expect("pdftotext runs");
                    String::from_utf8_lossy(&out.stdout).to_string()
                })
                .collect();

            // The pages as pictures, to look at.
            let out = out_dir();
            let _ = std::fs::remove_dir_all(&out);
            std::fs::create_dir_all(&out).unwrap();
            std::fs::copy(&docx_path, out.join("report.docx")).unwrap();
            std::fs::copy(&pdf, out.join("report.pdf")).unwrap();
            let drawn =
                Command::new("pdftoppm").args(["-png", "-r", "60"]).arg(&pdf).arg(out.join("page")).status();
            assert!(drawn.is_ok_and(|s| s.success()), "pdftoppm draws the pages");
            Some(Rendered { _dir: dir, pdf, pages })
        })
        .as_ref()
}

/// The page (1-based) a heading starts, after the table of contents.
fn page_of(rendered: &Rendered, heading: &str) -> usize {
    rendered
        .pages
        .iter()
        .enumerate()
        .skip(2)
        .find(|(_, text)| text.lines().any(|l| l.trim() == heading))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("heading {heading:?} not found"))
}

#[test]
fn libreoffice_shows_the_contents_with_page_numbers_and_no_field_code() {
    let Some(rendered) = rendered() else { return };
    let all = rendered.pages.concat();
    for code in ["TOC \\o", "PAGEREF", "HYPERLINK", "SEQ "] {
        assert!(!all.contains(code), "field code {code:?} shows on a page");
    }
    let toc = &rendered.pages[1];
    assert!(toc.contains("Contents"), "page 2 is the contents:\n{toc}");
    for heading in [
        "Acknowledgements",
        "A. Introduction",
        "A.1 Background",
        "A.1.1 Earlier work",
        "B. Methodology",
        "B.1 Survey design",
        "C. Findings",
        "C.1.1 Regional differences",
        "Annex 1. Survey questionnaire",
    ] {
        let line = toc
            .lines()
            .find(|l| l.contains(heading))
            .unwrap_or_else(|| panic!("{heading} is in the contents:\n{toc}"));
        assert!(line.contains("....."), "dot leaders on {line:?}");
        let digits: String = line
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let number: usize = digits.parse().unwrap_or_else(|_| panic!("a page number ends {line:?}"));
        let page = page_of(rendered, heading);
        assert!(
            number.abs_diff(page) <= 1,
            "{heading}: the contents say page {number}, it is on page {page}"
        );
    }
    assert!(!toc.contains("A detail"), "level 4 headings stay out of the contents");
    // The dot leaders end at one tab stop inside the text width (A4 less 2.5 cm margins: the
    // text ends 524.4 pt from the left edge): the page numbers line up, none sticks out.
    let words = Command::new("pdftotext")
        .args(["-bbox", "-f", "2", "-l", "2"])
        .arg(&rendered.pdf)
        .arg("-")
        .output()
        .unwrap();
    let words = String::from_utf8_lossy(&words.stdout).to_string();
    let ends: Vec<f32> = words
        .lines()
        .filter(|l| l.contains("<word ") && l.contains("....."))
        .map(|l| l.split("xMax=\"").nth(1).and_then(|v| v.split('"').next()).unwrap().parse().unwrap())
        .collect();
    assert!(ends.len() >= 10, "the entries have dot leaders: {ends:?}");
    let (min, max) = ends.iter().fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    assert!(max <= 524.5 && max - min < 1.0, "page numbers end at one tab stop inside the text: {ends:?}");
    assert!(min > 500.0, "the tab stop is at the right margin: {ends:?}");
}

#[test]
fn libreoffice_repeats_the_table_header_on_every_page_of_the_table() {
    let Some(rendered) = rendered() else { return };
    let table_pages: Vec<usize> = (0..rendered.pages.len())
        .filter(|&i| (1..=60).any(|r| rendered.pages[i].contains(&format!("Respondent {r:03}"))))
        .collect();
    assert!(table_pages.len() >= 2, "the 60-row table runs over pages: {table_pages:?}");
    for &i in &table_pages {
        assert!(rendered.pages[i].contains(TABLE_HEAD), "page {} repeats the header row", i + 1);
    }
    let caption_pages =
        rendered.pages.iter().filter(|p| p.contains("Table 1: Answers to the survey by respondent")).count();
    assert_eq!(caption_pages, 1, "the caption is above the table, once");
    assert!(rendered.pages.iter().all(|p| !p.contains("Respondent 061")));
}

#[test]
fn libreoffice_shows_cover_footnotes_figures_and_running_header() {
    let Some(rendered) = rendered() else { return };
    let all = rendered.pages.concat();
    for text in [
        NOTE_1,
        NOTE_2,
        NOTE_LINK,
        "Figure 1: Responses by stakeholder group",
        "Figure 2: A green picture",
        "Figure 3: An orange scan",
        "Observations",
        "Recommendations",
    ] {
        assert!(all.contains(text), "{text:?} is in the PDF");
    }
    let cover = &rendered.pages[0];
    for text in [
        "Internet Governance Forum 2026",
        "Draft for public comment",
        "3 August 2026",
        "Comments are welcome until 15 October 2026.",
    ] {
        assert!(cover.contains(text), "the cover shows {text:?}:\n{cover}");
    }
    let last_line =
        |page: &str| page.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_owned();
    assert_ne!(last_line(cover), "1", "no page number on the cover");
    for (i, page) in rendered.pages.iter().enumerate().skip(1) {
        assert_eq!(last_line(page), (i + 1).to_string(), "page {} is numbered in its footer", i + 1);
        assert!(
            page.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.contains(TITLE)),
            "page {} has the running header",
            i + 1
        );
    }
    let chapter_b = page_of(rendered, "B. Methodology");
    let chapter_c = page_of(rendered, "C. Findings");
    assert!(chapter_c > chapter_b + 1, "the table and figures push chapter C on");
}
