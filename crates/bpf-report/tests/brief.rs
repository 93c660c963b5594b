//! A brief — a contribution sent to the forum, with an addressee block, a credit line, a table,
//! footnotes and a recommendations block, laid out without cover or contents — read back by real
//! readers: the PDF with qpdf and poppler, the DOCX with unzip and LibreOffice headless. The
//! expectations come from the document model, never from the files themselves.
#![allow(clippy::unwrap_used)]

mod readers;

use std::path::PathBuf;
use std::sync::OnceLock;

use bpf_report::model::{Block, Document, Inline, plain_text};
use bpf_report::pdf::Typesetter;
use bpf_report::{Layout, Part};
use readers::{assert_valid_tagged_pdf, libreoffice_pdf, normalise, part_text, words};

struct Built {
    dir: tempfile::TempDir,
    pdf: PathBuf,
    doc: Document,
    pages: Vec<String>,
}

/// The sample brief, assembled from its Markdown and laid out once for all the tests here.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let (meta, parts, images) = bpf_report::sample::brief();
        let doc = bpf_report::assemble(meta, parts, images).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("brief.pdf");
        std::fs::write(&pdf, Typesetter::new().pdf(&doc).unwrap()).unwrap();
        let pages = readers::pages(&pdf);
        Built { dir, pdf, doc, pages }
    })
}

fn parts(doc: &Document) -> impl Iterator<Item = &Part> {
    doc.front.iter().chain(&doc.chapters).chain(&doc.annexes)
}

fn part_heading(part: &Part) -> String {
    match &part.number {
        Some(n) => format!("{n}. {}", part.title),
        None => part.title.clone(),
    }
}

/// Words a reader of the page meets in order: the first page's lines, then each part's heading
/// and the opening words of its blocks (up to a footnote mark: the mark's number follows them).
fn reading_order(doc: &Document) -> Vec<String> {
    fn opening(inlines: &[Inline]) -> String {
        let before: Vec<Inline> =
            inlines.iter().take_while(|i| !matches!(i, Inline::Footnote { .. })).cloned().collect();
        plain_text(&before).split_whitespace().take(8).collect::<Vec<_>>().join(" ")
    }
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph { content: text } => out.push(opening(text)),
                Block::Table(table) => {
                    if let (Some(n), Some(caption)) = (table.number, &table.caption) {
                        out.push(format!("Table {n}: {}", plain_text(caption)));
                    }
                    // Header cells may wrap in their column: their first word is enough.
                    out.extend(
                        table.header.iter().map(|c| plain_text(c).split(' ').next().unwrap().to_owned()),
                    );
                    for row in &table.rows {
                        out.extend(row.iter().map(|c| plain_text(c)));
                    }
                }
                Block::Callout { title, blocks, .. } => {
                    out.push(title.clone());
                    walk(blocks, out);
                }
                Block::List { items, .. } => items.iter().for_each(|item| walk(item, out)),
                Block::Quote { blocks } => walk(blocks, out),
                _ => {}
            }
        }
    }
    let meta = &doc.meta;
    let mut out = vec![meta.forum.to_uppercase()];
    out.extend(meta.addressee.iter().cloned());
    out.push(meta.title.clone());
    out.push(format!("{} · {}", meta.version_label, meta.date));
    out.extend(meta.comment_note.clone());
    for part in parts(doc) {
        out.push(part_heading(part));
        walk(&part.blocks, &mut out);
    }
    out.retain(|s| !s.is_empty());
    out
}

fn footnote_texts(doc: &Document) -> Vec<String> {
    let mut notes = Vec::new();
    for part in parts(doc) {
        let mut blocks = part.blocks.clone();
        bpf_report::assemble::for_each_inlines(&mut blocks, &mut |inlines| {
            for inline in inlines.iter() {
                if let Inline::Footnote { content } = inline {
                    notes.push(plain_text(content));
                }
            }
        });
    }
    notes
}

#[test]
fn the_brief_is_a_tagged_pdf_of_one_or_two_a4_pages_with_embedded_fonts() {
    let b = built();
    assert_eq!(b.doc.meta.layout, Layout::Brief);
    let info = assert_valid_tagged_pdf(&b.pdf);
    assert!(info.contains(&format!("Title:           {}", b.doc.meta.title)), "{info}");
    assert!(info.contains(&format!("Author:          {}", b.doc.meta.author)), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    assert!((1..=2).contains(&b.pages.len()), "{} pages for a short text", b.pages.len());
}

#[test]
fn the_first_page_reads_forum_addressee_title_and_note_then_the_body_in_order() {
    let b = built();
    let all = normalise(&b.pages.join("\n"));
    let mut from = 0;
    for text in reading_order(&b.doc) {
        let text = normalise(&text);
        let at = all[from..].find(&text).unwrap_or_else(|| {
            panic!("“{text}” is missing or out of order after: …{}", &all[from.saturating_sub(80)..from])
        });
        from += at + text.len();
    }
    // The brief opens with its own first page: the forum before anything else, no cover, no contents.
    let first = normalise(&b.pages[0]);
    assert!(first.starts_with(&b.doc.meta.forum.to_uppercase()), "{first}");
    assert!(first.contains(&b.doc.meta.addressee[0]) && first.contains(&b.doc.meta.title));
    let lines: Vec<&str> = b.pages.iter().flat_map(|p| p.lines()).map(str::trim).collect();
    assert!(!lines.contains(&b.doc.meta.contents_title.as_str()), "a contents heading in a brief");
    assert!(!all.contains(&b.doc.meta.author), "the report cover's publisher line in a brief");
    // The parts follow one another: the second starts on the first page, under the first.
    let second = part_heading(&b.doc.chapters[1]);
    assert!(first.contains(&second), "“{second}” is not on page 1");
    // Footnotes, numbered through the brief, each at the foot of a page.
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}').collect() };
    let notes = footnote_texts(&b.doc);
    assert_eq!(notes.len(), 3);
    for note in notes {
        assert!(b.pages.iter().any(|p| squash(p).contains(&squash(&note))), "footnote “{note}”");
    }
    // The cross-reference resolved to the part's number.
    assert!(all.contains("(see Chapter A for how the figures were gathered)"), "{all}");
}

#[test]
fn pages_after_the_first_have_the_running_header_and_a_page_number() {
    let b = built();
    let first_line =
        |page: &str| page.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_owned();
    let last_line =
        |page: &str| page.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_owned();
    assert_ne!(last_line(&b.pages[0]), "1", "no page number on the first page");
    for (i, page) in b.pages.iter().enumerate().skip(1) {
        assert!(first_line(page).starts_with(&b.doc.meta.title), "page {} has the running header", i + 1);
        assert_eq!(last_line(page), (i + 1).to_string(), "page {} is numbered", i + 1);
    }
}

#[test]
fn the_brief_as_docx_has_no_cover_or_contents_and_libreoffice_shows_the_pdfs_words() {
    let b = built();
    let meta = &b.doc.meta;
    let docx = b.dir.path().join("brief.docx");
    std::fs::write(&docx, bpf_report::docx::docx(&b.doc).unwrap()).unwrap();
    let document = part_text(&docx, "word/document.xml");
    for absent in [" TOC ", "PAGEREF", "TOCHeading", "CoverDetail", "<w:pageBreakBefore/>"] {
        assert!(!document.contains(absent), "“{absent}” in a brief's document.xml");
    }
    let styled = |style: &str| document.matches(&format!(r#"<w:pStyle w:val="{style}"/>"#)).count();
    assert_eq!(styled("Masthead"), 1);
    assert_eq!(styled("Addressee"), meta.addressee.len());
    assert_eq!(styled("Title"), 1);
    assert_eq!(styled("DocumentDetail"), 1);
    assert_eq!(styled("Note"), 1);
    assert_eq!(styled("Heading1"), parts(&b.doc).count());
    let styles = part_text(&docx, "word/styles.xml");
    for style in ["Masthead", "Addressee", "DocumentDetail", "Note"] {
        assert!(styles.contains(&format!(r#"w:styleId="{style}""#)), "style {style} is defined");
    }
    // As the PDF: no header or page number on the first page, both on the others.
    assert!(document.contains("<w:titlePg/>"));

    let converted = libreoffice_pdf(&docx, b.dir.path());
    let pages = readers::pages(&converted);
    assert!((1..=3).contains(&pages.len()), "{} pages from LibreOffice", pages.len());
    let first = normalise(&pages[0]);
    let mut from = 0;
    for text in meta.addressee.iter().chain([&meta.title, meta.comment_note.as_ref().unwrap()]) {
        let at =
            first[from..].find(text.as_str()).unwrap_or_else(|| panic!("“{text}” not in order on page 1"));
        from += at + text.len();
    }
    let last_line =
        |page: &str| page.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_owned();
    assert_ne!(last_line(&pages[0]), "1", "no page number on the first page");
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert_eq!(last_line(page), (i + 1).to_string(), "page {} is numbered in its footer", i + 1);
    }
    let docx_words: std::collections::HashSet<String> = words(&pages.join("\n")).into_iter().collect();
    let missing: Vec<String> =
        words(&b.pages.join("\n")).into_iter().filter(|w| !docx_words.contains(w)).collect();
    assert!(missing.is_empty(), "words of the PDF not in the DOCX: {missing:?}");
    for code in ["TOC \\o", "PAGEREF", "HYPERLINK", "SEQ "] {
        assert!(!pages.concat().contains(code), "field code “{code}” on a page");
    }
}

#[test]
fn characters_no_font_can_show_in_the_addressee_are_named() {
    let (mut meta, parts, images) = bpf_report::sample::brief();
    meta.addressee.push("東京".into());
    let doc = bpf_report::assemble(meta, parts, images).unwrap();
    match Typesetter::new().pdf(&doc) {
        Err(bpf_report::ReportError::Characters { section, characters }) => {
            assert_eq!(section, "the first page");
            assert!(characters.contains("U+6771"), "{characters}");
        }
        other => panic!("expected the characters to be named, got {:?}", other.map(|b| b.len())),
    }
}
