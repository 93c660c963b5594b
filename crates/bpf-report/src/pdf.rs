//! The PDF: Typst embedded as a library.
//!
//! A [`World`] of our own holds three kinds of files: the static template
//! (`templates/report.typ`, a designer may edit it), `/data.json` (the [`Document`] as data: the
//! template turns its strings into text, so nothing a user typed is ever read as markup) and
//! `/images/<n>` (the pictures). Fonts come from [`crate::fonts`]; nothing is read from the
//! machine. The result is a tagged PDF/UA-1 with bookmarks, links and document metadata.

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::error::{ReportError, Result};
use crate::model::{Document, ImageFormat, Layout};

pub const TEMPLATE: &str = include_str!("../templates/report.typ");

/// The fonts and the standard library, read once and used for any number of documents.
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl std::fmt::Debug for Typesetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Typesetter").field("fonts", &self.fonts.len()).finish()
    }
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    pub fn new() -> Typesetter {
        let fonts: Vec<Font> = crate::fonts::FILES.iter().flat_map(|b| Font::iter(Bytes::new(*b))).collect();
        Typesetter {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }

    /// The document laid out into pages (for the PDF, and for tests that look at the layout).
    pub fn layout(&self, doc: &Document) -> Result<PagedDocument> {
        let world = ReportWorld::new(self, doc)?;
        let compiled = typst::compile::<PagedDocument>(&world);
        compiled.output.map_err(|errors| ReportError::Layout(describe(&errors)))
    }

    /// The report as a tagged PDF/UA-1.
    pub fn pdf(&self, doc: &Document) -> Result<Vec<u8>> {
        self.check_characters(doc)?;
        let pages = self.layout(doc)?;
        let standards = PdfStandards::new(&[PdfStandard::Ua_1])
            .map_err(|e| ReportError::Layout(e.message().to_string()))?;
        let options = PdfOptions { standards, tagged: true, ..PdfOptions::default() };
        let pdf = typst_pdf::pdf(&pages, &options)
            .map_err(|errors| ReportError::Layout(explain_pdf_errors(&errors)));
        // Typst memoises layout in a process-wide cache; keep what the last few exports used,
        // so a long session of exports does not grow without bound.
        typst::comemo::evict(10);
        pdf
    }
}

impl Typesetter {
    /// PDF/UA refuses text no embedded font can show: name the part and the characters before
    /// the layout engine fails with a message about glyphs.
    pub fn check_characters(&self, doc: &Document) -> Result<()> {
        let covered = |c: char| {
            c.is_whitespace()
                || c.is_control()
                || self.fonts.iter().any(|f| f.info().coverage.contains(c as u32))
        };
        let check = |section: &str, text: &str| -> Result<()> {
            let mut missing: Vec<char> = text.chars().filter(|c| !covered(*c)).collect();
            missing.sort_unstable();
            missing.dedup();
            if missing.is_empty() {
                return Ok(());
            }
            let shown: Vec<String> =
                missing.iter().take(8).map(|c| format!("“{c}” (U+{:04X})", *c as u32)).collect();
            Err(ReportError::Characters { section: section.to_owned(), characters: shown.join(", ") })
        };
        let meta = &doc.meta;
        check(
            match meta.layout {
                Layout::Report => "the cover",
                Layout::Brief => "the first page",
            },
            &format!(
                "{} {} {} {} {:?} {}",
                meta.title,
                meta.forum,
                meta.version_label,
                meta.date,
                meta.comment_note,
                meta.addressee.join(" ")
            ),
        )?;
        for part in doc.front.iter().chain(&doc.chapters).chain(&doc.annexes) {
            let section = format!("section “{}”", part.title);
            check(&section, &part.title)?;
            let mut blocks = part.blocks.clone();
            let mut result = Ok(());
            crate::assemble::for_each_inlines(&mut blocks, &mut |inlines| {
                if result.is_ok() {
                    result = check(&section, &crate::model::plain_text(inlines));
                }
            });
            result?;
            let mut codes = String::new();
            collect_code(&part.blocks, &mut codes);
            check(&section, &codes)?;
        }
        Ok(())
    }
}

fn collect_code(blocks: &[crate::model::Block], out: &mut String) {
    use crate::model::Block;
    for block in blocks {
        match block {
            Block::Code { text } => out.push_str(text),
            Block::Quote { blocks } | Block::Callout { blocks, .. } => collect_code(blocks, out),
            Block::List { items, .. } => items.iter().for_each(|i| collect_code(i, out)),
            _ => {}
        }
        if let Block::Callout { title, .. } = block {
            out.push_str(title);
        }
    }
}

fn file_id(path: &str) -> FileResult<FileId> {
    let vpath = VirtualPath::new(path).map_err(|_| FileError::NotFound(path.into()))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

struct ReportWorld<'a> {
    typesetter: &'a Typesetter,
    main: Source,
    files: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl<'a> ReportWorld<'a> {
    fn new(typesetter: &'a Typesetter, doc: &Document) -> Result<ReportWorld<'a>> {
        let layout = |e: FileError| ReportError::Layout(e.to_string());
        let data = serde_json::to_string(&PdfData { doc, images: image_paths(doc) })
            .map_err(|e| ReportError::Layout(e.to_string()))?;
        let mut files = vec![(file_id("/data.json").map_err(layout)?, Bytes::from_string(data))];
        for (i, image) in doc.images.iter().enumerate() {
            files.push((
                file_id(&format!("/images/{i}.{}", image.format.extension())).map_err(layout)?,
                Bytes::new(image.bytes.clone()),
            ));
        }
        let today = parse_iso(&doc.meta.date_iso);
        Ok(ReportWorld {
            typesetter,
            main: Source::new(file_id("/main.typ").map_err(layout)?, TEMPLATE.to_owned()),
            files,
            today,
        })
    }
}

/// The JSON the template reads: the document and, per image name, its path in the world.
#[derive(serde::Serialize)]
struct PdfData<'a> {
    doc: &'a Document,
    images: std::collections::BTreeMap<&'a str, (String, &'static str)>,
}

fn image_paths(doc: &Document) -> std::collections::BTreeMap<&str, (String, &'static str)> {
    doc.images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let format = match image.format {
                ImageFormat::Png => "png",
                ImageFormat::Jpeg => "jpg",
                ImageFormat::Svg => "svg",
            };
            (image.name.as_str(), (format!("/images/{i}.{}", image.format.extension()), format))
        })
        .collect()
}

fn parse_iso(date: &str) -> Option<Datetime> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Datetime::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.typesetter.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.typesetter.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.iter().find(|(f, _)| *f == id).map(|(_, b)| b.clone()).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The report's own date: the same document gives the same PDF whenever it is exported.
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

fn describe(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let hints: String = d.hints.iter().map(|h| format!(" ({})", h.v)).collect();
            format!("{}{hints}", d.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// PDF/UA refuses text no embedded font can show; say which characters, not the engine's words.
fn explain_pdf_errors(errors: &[SourceDiagnostic]) -> String {
    let text = describe(errors);
    if text.contains("glyph") || text.contains("font") {
        format!(
            "some characters are not in the report’s fonts (Latin, Greek and Cyrillic scripts are): {text}"
        )
    } else {
        text
    }
}
