//! The PDF of a long report (about 60 pages) read back by real readers: qpdf, poppler's
//! pdfinfo, pdffonts and pdftotext. The expectations come from the document model, never from
//! the PDF itself.
#![allow(clippy::unwrap_used)]

mod readers;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use bpf_report::model::{Block, Document, Inline, plain_text};
use bpf_report::pdf::Typesetter;
use readers::{assert_valid_tagged_pdf, libreoffice_pdf, normalise, page_count, page_text, run, words};

struct Built {
    _dir: tempfile::TempDir,
    pdf: PathBuf,
    doc: Document,
    pages: Vec<String>,
}

/// The long sample report, laid out once for all the tests of this file.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let (meta, parts, images) = bpf_report::sample::long_report(14);
        let doc = bpf_report::assemble(meta, parts, images).unwrap();
        let bytes = Typesetter::new().pdf(&doc).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("long.pdf");
        std::fs::write(&pdf, bytes).unwrap();
        let pages = readers::pages(&pdf);
        Built { _dir: dir, pdf, doc, pages }
    })
}

#[test]
fn the_pdf_is_valid_tagged_with_embedded_fonts_and_about_sixty_pages() {
    let b = built();
    let info = assert_valid_tagged_pdf(&b.pdf);
    assert!(info.contains("Title:           Best Practice Forum on Cybersecurity"), "{info}");
    assert!(info.contains("Author:          IGF Best Practice Forum on Cybersecurity"), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    let pages = b.pages.len();
    assert!((55..=75).contains(&pages), "{pages} pages");
    // The chart (Figure 1) is drawn as vectors: the PDF holds no raster image at all.
    let (_, images) = run(Command::new("pdfimages").arg("-list").arg(&b.pdf));
    assert_eq!(images.lines().count(), 2, "raster images in the PDF:\n{images}");
    assert!(b.pages.iter().any(|p| p.contains("Figure 1: Messages on the mailing list per month")));
}

/// The index of the first page after the contents: the acknowledgements.
fn first_text_page(b: &Built) -> usize {
    b.pages.iter().position(|p| normalise(p).contains("The editors thank everyone")).unwrap()
}

fn toc_entries(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for part in doc.front.iter().chain(&doc.chapters).chain(&doc.annexes) {
        out.push(match &part.number {
            None => part.title.clone(),
            Some(n) if n.starts_with("Annex") => format!("{n}. {}", part.title),
            Some(n) => format!("{n}. {}", part.title),
        });
        for block in &part.blocks {
            if let Block::Heading { level, number, text, .. } = block
                && *level <= 3
            {
                let title = plain_text(text);
                out.push(number.as_ref().map_or(title.clone(), |n| format!("{n} {title}")));
            }
        }
    }
    out
}

#[test]
fn every_contents_entry_points_to_the_page_of_its_heading() {
    let b = built();
    let contents_end = first_text_page(b);
    let toc = normalise(&b.pages[1..contents_end].join("\n"));
    let entries = toc_entries(&b.doc);
    assert!(entries.len() > 50, "{} entries", entries.len());
    let mut checked = 0;
    for entry in &entries {
        let at =
            toc.find(entry.as_str()).unwrap_or_else(|| panic!("“{entry}” is not in the contents:\n{toc}"));
        let rest = toc[at + entry.len()..].trim_start_matches([' ', '.']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let page: usize = digits
            .parse()
            .unwrap_or_else(|_| panic!("no page number after “{entry}”: {}", &rest[..rest.len().min(40)]));
        // The first page after the contents where the heading's text stands.
        let found = b
            .pages
            .iter()
            .enumerate()
            .skip(contents_end)
            .find(|(_, text)| normalise(text).contains(entry.as_str()))
            .map(|(i, _)| i + 1);
        assert_eq!(found, Some(page), "contents say “{entry}” is on page {page}");
        checked += 1;
    }
    assert_eq!(checked, entries.len());
}

/// The words just before each footnote mark, and the footnote's text.
fn footnotes(doc: &Document) -> Vec<(String, String)> {
    fn walk(inlines: &[Inline], before: &mut String, out: &mut Vec<(String, String)>) {
        for inline in inlines {
            match inline {
                Inline::Footnote { content } => out.push((before.clone(), plain_text(content))),
                Inline::Text { text } | Inline::Code { text } => before.push_str(text),
                Inline::Emph { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Link { content, .. }
                | Inline::Ref { content, .. } => walk(content, before, out),
                Inline::LineBreak => before.push(' '),
            }
        }
    }
    let mut out = Vec::new();
    for part in doc.front.iter().chain(&doc.chapters).chain(&doc.annexes) {
        for block in &part.blocks {
            if let Block::Paragraph { content } = block {
                walk(content, &mut String::new(), &mut out);
            }
        }
    }
    out
}

#[test]
fn every_footnote_is_on_the_page_of_its_mark() {
    let b = built();
    // Compared without any white space: addresses break anywhere.
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}').collect() };
    let pages: Vec<String> = b.pages.iter().map(|p| squash(p)).collect();
    let notes = footnotes(&b.doc);
    assert!(notes.len() > 90, "{} footnotes", notes.len());
    for (i, (before, note)) in notes.iter().enumerate() {
        // Footnotes are numbered through the document; the mark is its number right after the
        // words before it. A paragraph may start on the page before, so the longest tail of
        // those words that stands on one page, with the number, is looked for.
        let number = i + 1;
        let words: Vec<&str> = before.split_whitespace().collect();
        let note = squash(note);
        let note_pages: Vec<usize> = (0..pages.len()).filter(|&p| pages[p].contains(&note)).collect();
        assert_eq!(note_pages.len(), 1, "footnote {number} “{note}” found on pages {note_pages:?}");
        let mark_pages = (3..=10)
            .rev()
            .map(|k| {
                let tail = squash(&words[words.len().saturating_sub(k)..].join(""));
                let mark = format!("{tail}{number}");
                (0..pages.len()).filter(|&p| pages[p].contains(&mark)).collect::<Vec<usize>>()
            })
            .find(|found| !found.is_empty())
            .unwrap_or_else(|| panic!("the mark of footnote {number} (after “{before}”) is nowhere"));
        assert!(
            mark_pages.contains(&note_pages[0]),
            "footnote {number} is on page {} but its mark on {mark_pages:?}",
            note_pages[0] + 1
        );
    }
}

#[test]
fn text_comes_out_in_reading_order_and_markup_characters_print_as_themselves() {
    let b = built();
    let all = normalise(&b.pages.join("\n"));
    // Chapters in order, each after the one before.
    let first = normalise(&b.pages[first_text_page(b)]);
    let mut from = all.find(&first).unwrap();
    for part in &b.doc.chapters {
        let heading = format!("{}. {}", part.number.as_deref().unwrap(), part.title);
        let at = all[from..].find(&heading).unwrap_or_else(|| panic!("“{heading}” missing or out of order"));
        from += at + heading.len();
    }
    assert!(all.contains("print as themselves: # $ * < @ and code, 50% of #hashtags, $x^2$, <tag>, @mention, 1 < 2 > 0, C:\\path\\file and a_b_c."), "markup characters changed");
    // The header row of the long table is repeated on the pages it spans.
    let header_pages = b.pages.iter().filter(|p| p.contains("Contributor") && p.contains("Summary")).count();
    assert!(header_pages >= 4, "table header on {header_pages} pages");
    // Cross-references resolved to numbers.
    assert!(all.contains("See Chapter B for how the work was done"), "cross-reference text");
}

#[test]
fn no_line_runs_into_the_margin() {
    let b = built();
    let (ok, html) = run(Command::new("pdftotext").args(["-bbox", "-f", "2"]).arg(&b.pdf).arg("-"));
    assert!(ok);
    // A4 is 595.28 pt wide; the right margin is 2.5 cm (70.87 pt).
    let limit = 595.28 - 70.87 + 0.6;
    let mut words = 0;
    for line in html.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let x_max: f64 = line.split("xMax=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let x_min: f64 = line.split("xMin=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        // A hyphen or a stop may hang a little into the margin (optical margin alignment).
        let hangs = line.contains("\u{ad}</word>")
            || [".</", ",</", "-</", ":</", ";</", ")</", "”</", "’</"].iter().any(|e| line.contains(e));
        let allowed = if hangs { limit + 4.0 } else { limit };
        assert!(x_max <= allowed && x_min >= 70.87 - 4.0, "a word outside the text area: {line}");
        words += 1;
    }
    assert!(words > 20_000, "{words} words");
}

#[test]
fn the_same_document_gives_the_same_pdf() {
    let (meta, parts, images) = bpf_report::sample::long_report(2);
    let doc = bpf_report::assemble(meta, parts, images).unwrap();
    let t = Typesetter::new();
    assert_eq!(t.pdf(&doc).unwrap(), t.pdf(&doc).unwrap());
}

/// The same long report as DOCX, converted by LibreOffice headless: it converts without error,
/// shows a contents page without field code, and its words are the PDF's.
#[test]
fn the_docx_of_the_long_report_converts_and_says_what_the_pdf_says() {
    let b = built();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("long.docx");
    std::fs::write(&docx, bpf_report::docx::docx(&b.doc).unwrap()).unwrap();
    let converted = libreoffice_pdf(&docx, dir.path());
    let count = page_count(&converted);
    assert!((50..=120).contains(&count), "{count} pages from LibreOffice");
    let text: String = (1..=count).map(|p| page_text(&converted, p)).collect::<Vec<_>>().join("\n");
    for code in ["TOC \\o", "PAGEREF", "HYPERLINK", "MERGEFORMAT"] {
        assert!(!text.contains(code), "field code “{code}” on a page");
    }
    let pdf_words = words(&b.pages.join("\n"));
    let docx_words: std::collections::HashSet<String> = words(&text).into_iter().collect();
    let missing: Vec<&String> = pdf_words.iter().filter(|w| !docx_words.contains(*w)).collect();
    assert!(
        missing.len() * 200 <= pdf_words.len(),
        "{} of {} words of the PDF are not in the DOCX: {:?}",
        missing.len(),
        pdf_words.len(),
        &missing[..missing.len().min(20)]
    );
    // Every contents entry of the PDF is in the DOCX's contents, with a page number.
    let toc_end = text.find("The editors thank everyone").unwrap();
    let toc = normalise(&text[..toc_end]);
    for entry in toc_entries(&b.doc) {
        let at = toc.find(&entry).unwrap_or_else(|| panic!("“{entry}” missing from the DOCX's contents"));
        let rest = toc[at + entry.len()..].trim_start_matches([' ', '.', '\t']);
        assert!(
            rest.starts_with(|c: char| c.is_ascii_digit()),
            "no page number after “{entry}” in the DOCX's contents"
        );
    }
}

/// The deepest nesting the Markdown reader accepts still lays out, as PDF and as DOCX: blocks
/// (a `:::` block around quotes, and lists) and inlines (emphasis in a link, a footnote of the
/// same depth) at the reader's limits. One level deeper is refused by the reader with its line:
/// thousands of levels, run through the report_markdown fuzz target, overflowed the stack, and
/// 16 nested quotes made Typst give up ("maximum show rule depth exceeded").
#[test]
fn the_deepest_nesting_the_reader_accepts_lays_out() {
    use bpf_report::markdown::{MAX_BLOCK_NESTING, MAX_INLINE_NESTING};
    let inline = |core: &str| {
        let n = MAX_INLINE_NESTING - 1;
        let open: String = (0..n).map(|i| ["*a ", "**a ", "~~a "][i % 3]).collect();
        let close: String = (0..n).rev().map(|i| [" a*", " a**", " a~~"][i % 3]).collect();
        format!("[{open}{core}{close}](https://example.org/)")
    };
    let part = |lists: usize| bpf_report::SourcePart {
        kind: bpf_report::PartKind::Chapter,
        title: "Deep".into(),
        anchor: "deep".into(),
        markdown: format!(
            "::: observations Deep\n{quotes}{deep}\n\n:::\n\n{lists}{deep}\n\n[^1]: {note}\n",
            quotes = "> ".repeat(MAX_BLOCK_NESTING - 1),
            lists = "- ".repeat(lists),
            deep = inline("deep[^1]"),
            note = inline("note"),
        ),
        generated: Vec::new(),
    };
    let meta = bpf_report::sample::meta;
    let doc = bpf_report::assemble(meta(), vec![part(MAX_BLOCK_NESTING)], Vec::new()).unwrap();
    let pdf = Typesetter::new().pdf(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    bpf_report::docx::docx(&doc).unwrap();
    let e = bpf_report::assemble(meta(), vec![part(MAX_BLOCK_NESTING + 1)], Vec::new()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "section “Deep”, line 6: quotes, lists and ::: blocks are nested more than 10 deep here: a report allows 10 levels"
    );
}
