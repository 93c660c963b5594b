//! The editable DOCX: what a consultant opens in Word or LibreOffice and keeps on editing.
//!
//! Real Word styles (Title, Subtitle, Heading 1–4 with outline levels, Normal, Caption, List
//! Bullet / List Number, Quote, Code, footnote text and reference, TOC 1–3), an A4 page with a
//! cover, a table of contents field filled in with entries, chapters on new pages, a running
//! header and a page-number footer (neither on the cover), footnotes, numbering definitions for
//! lists, tables whose header row repeats on every page, figures (SVG charts rasterised with
//! resvg) and callout boxes. A brief ([`Layout::Brief`]) has no cover and no table of contents:
//! its first page opens with the forum, the addressee, the title, a detail line and the note
//! (styles Masthead, Addressee, Title, Document Detail, Note), its parts follow one another, and
//! like the cover it carries neither running header nor page number.
//!
//! docx-rs packs the parts into the archive ([`docx_rs::XMLDocx::pack`]); the parts themselves
//! are written here as WordprocessingML, each element's children in schema order. Most of what
//! a report needs is what docx-rs's builder lacks or gets in the way of: a table of contents
//! that LibreOffice shows without field code, `w:tblHeader`, hyperlinks in footnotes, styles
//! without a second "Normal", numbering ids of our own, core properties (title, creator,
//! language), and ids that do not come from process-wide counters (two reports written at
//! once would share them).

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::sync::{Arc, OnceLock};

use docx_rs::{XMLDocProps, XMLDocx};
use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};

use crate::error::{ReportError, Result};
use crate::fonts;
use crate::model::{
    Align, Block, CalloutKind, Document, Image, ImageFormat, Inline, Layout, Part, Table, plain_text,
};

/// The report as a DOCX file.
pub fn docx(doc: &Document) -> Result<Vec<u8>> {
    let mut w = Writer::new(doc);
    let mut body = String::new();
    for part in doc.front.iter().chain(&doc.chapters).chain(&doc.annexes) {
        w.part(part, &mut body)?;
    }
    let mut document = String::from(XML_DECL);
    document.push_str(&format!("<w:document {NS_DOC}><w:body>"));
    match doc.meta.layout {
        Layout::Report => {
            document.push_str(&w.cover());
            document.push_str(&w.toc());
        }
        Layout::Brief => document.push_str(&w.brief_head()),
    }
    document.push_str(&body);
    document.push_str(&section_properties());
    document.push_str("</w:body></w:document>");

    let parts = XMLDocx {
        content_type: w.content_types().into_bytes(),
        rels: package_rels().into_bytes(),
        doc_props: XMLDocProps {
            app: app_props().into_bytes(),
            core: core_props(doc).into_bytes(),
            custom: custom_props().into_bytes(),
        },
        styles: styles(&doc.meta.lang, doc.meta.layout).into_bytes(),
        document: document.into_bytes(),
        comments: format!("{XML_DECL}<w:comments {NS_W}/>").into_bytes(),
        document_rels: w.document_rels().into_bytes(),
        settings: settings(&doc.meta.lang).into_bytes(),
        font_table: font_table().into_bytes(),
        numberings: w.numbering().into_bytes(),
        media: std::mem::take(&mut w.media),
        headers: vec![header(&doc.meta.title).into_bytes(), empty_header_footer("hdr").into_bytes()],
        header_rels: vec![],
        footers: vec![footer().into_bytes(), empty_header_footer("ftr").into_bytes()],
        footer_rels: vec![],
        comments_extended: format!(
            r#"{XML_DECL}<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"/>"#
        )
        .into_bytes(),
        taskpanes: None,
        taskpanes_rels: vec![],
        web_extensions: vec![],
        custom_items: vec![],
        custom_item_rels: vec![],
        custom_item_props: vec![],
        footnotes: w.footnotes_part().into_bytes(),
    };
    let mut out = Cursor::new(Vec::new());
    parts.pack(&mut out).map_err(|e| ReportError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Page geometry (twips: 1/20 pt) and the house look.

const PAGE_W: u32 = 11906; // A4
const PAGE_H: u32 = 16838;
const MARGIN: u32 = 1417; // 2.5 cm
/// The text width: 16 cm.
const TEXT_W: u32 = PAGE_W - 2 * MARGIN;
/// The right tab stop of the table of contents, just inside the text width.
const TOC_TAB: u32 = TEXT_W - 6;
const EMU_PER_TWIP: u64 = 635;
const EMU_PER_PX: u64 = 9525;
/// The tallest a picture may be, so its caption fits on the page with it (20 cm).
const MAX_IMAGE_H: u32 = 11339;
/// Indentation of a list level, and the hanging part holding the bullet or number.
const LIST_INDENT: u32 = 425;
const LIST_HANGING: u32 = 283;
/// The narrowest a table column gets (1.2 cm), whatever its share of the width.
const MIN_COLUMN: u32 = 680;
/// Inner padding of a callout box, left and right.
const CALLOUT_PAD: u32 = 170;

const BODY_FONT: &str = "Cambria";
const HEADING_FONT: &str = "Calibri";
const MONO_FONT: &str = "Consolas";
const NAVY: &str = "1F3864";
const BLUE: &str = "2F5496";
const GREY: &str = "595959";
const RULE: &str = "BFBFBF";
/// A brief's note box, as the PDF's.
const NOTE_FILL: &str = "FBF3E8";
const NOTE_ACCENT: &str = "B86E12";

const BULLETS_NUM: u32 = 1;
const NUMBERS_NUM: u32 = 2;
const BULLETS_ABSTRACT: u32 = 10;
const NUMBERS_ABSTRACT: u32 = 11;
/// The first id of the numbering instances made for ordered lists, so each restarts.
const FIRST_LIST_NUM: u32 = 3;

/// Relationships of the main document with fixed ids; images and links are numbered after.
const FIXED_RELS: &[(&str, &str, &str)] = &[
    ("rId1", "styles", "styles.xml"),
    ("rId2", "settings", "settings.xml"),
    ("rId3", "fontTable", "fontTable.xml"),
    ("rId4", "numbering", "numbering.xml"),
    ("rId5", "footnotes", "footnotes.xml"),
    ("rId6", "header", "header1.xml"),
    ("rId7", "header", "header2.xml"),
    ("rId8", "footer", "footer1.xml"),
    ("rId9", "footer", "footer2.xml"),
];
const FIRST_FREE_REL: usize = 10;

const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const NS_W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const NS_DOC: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// ---------------------------------------------------------------------------------------------
// The writer: the body is written once; what it refers to (footnotes, pictures, links, list
// numbering, bookmarks, table of contents entries) is collected on the way.

struct Writer<'a> {
    doc: &'a Document,
    /// Bookmark names by anchor, made Word-safe and unique.
    bookmarks: HashMap<String, String>,
    /// Bookmarks already in the document: a name is placed once.
    placed: HashSet<String>,
    next_bookmark: u32,
    next_drawing: u32,
    /// Relationships after the fixed ones: (id, type, target, external).
    rels: Vec<(String, &'static str, String, bool)>,
    link_rels: HashMap<String, String>,
    /// Media parts as docx-rs packs them: `word/media/{name}.png`.
    media: Vec<(String, Vec<u8>)>,
    /// Media whose bytes are JPEG, typed by an override.
    jpeg_media: Vec<String>,
    pictures: HashMap<String, Picture>,
    footnotes: Vec<String>,
    /// Ordered lists, each its own numbering instance: (level, start).
    lists: Vec<(u32, u64)>,
    toc: Vec<TocEntry>,
    pager: Pager,
}

#[derive(Clone)]
struct Picture {
    rel: String,
    /// Natural size in EMU (already fitted to the text width).
    cx: u64,
    cy: u64,
    file: String,
}

struct TocEntry {
    level: u8,
    text: String,
    bookmark: String,
    /// Estimated page, counted from the first page after the table of contents (0).
    page: u32,
}

/// Where some inlines go: footnotes have no relationships of their own (docx-rs packs none), so
/// their links are HYPERLINK fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Body,
    Footnote,
}

/// The surroundings of a block.
#[derive(Clone, Copy)]
struct Ctx {
    /// The width the block may take, in twips.
    width: u32,
    /// Inside a list item: its level.
    list_level: Option<u32>,
    quote: bool,
}

impl Ctx {
    fn body() -> Ctx {
        Ctx { width: TEXT_W, list_level: None, quote: false }
    }
}

#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
}

impl Fmt {
    fn rpr(self) -> String {
        let mut s = String::new();
        if self.link {
            s.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
            if self.code {
                s.push_str(&fonts_xml(MONO_FONT));
            }
        } else if self.code {
            s.push_str(r#"<w:rStyle w:val="CodeChar"/>"#);
        }
        if self.bold {
            s.push_str("<w:b/>");
        }
        if self.italic {
            s.push_str("<w:i/>");
        }
        if self.strike {
            s.push_str("<w:strike/>");
        }
        if s.is_empty() { s } else { format!("<w:rPr>{s}</w:rPr>") }
    }
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document) -> Writer<'a> {
        let mut bookmarks = HashMap::new();
        let mut taken = HashSet::new();
        for part in doc.front.iter().chain(&doc.chapters).chain(&doc.annexes) {
            add_bookmark(&mut bookmarks, &mut taken, &part.anchor);
            for_each_heading(&part.blocks, &mut |anchor| add_bookmark(&mut bookmarks, &mut taken, anchor));
        }
        Writer {
            doc,
            bookmarks,
            placed: HashSet::new(),
            next_bookmark: 1,
            next_drawing: 1,
            rels: Vec::new(),
            link_rels: HashMap::new(),
            media: Vec::new(),
            jpeg_media: Vec::new(),
            pictures: HashMap::new(),
            footnotes: Vec::new(),
            lists: Vec::new(),
            toc: Vec::new(),
            pager: Pager::default(),
        }
    }

    // --- cover and table of contents ---------------------------------------------------------

    fn cover(&self) -> String {
        let meta = &self.doc.meta;
        let mut s = styled_para("Title", "", &text_run(&meta.title, ""));
        s.push_str(&styled_para("Subtitle", "", &text_run(&meta.forum, "")));
        s.push_str(&styled_para(
            "CoverDetail",
            r#"<w:spacing w:before="1440"/>"#,
            &text_run(&meta.version_label, "<w:rPr><w:b/></w:rPr>"),
        ));
        s.push_str(&styled_para("CoverDetail", "", &text_run(&meta.date, "")));
        if let Some(note) = self.note() {
            s.push_str(&styled_para(
                "CoverDetail",
                r#"<w:spacing w:before="480"/>"#,
                &text_run(note, "<w:rPr><w:i/></w:rPr>"),
            ));
        }
        // Who publishes it, as on the PDF's cover.
        s.push_str(&styled_para(
            "CoverDetail",
            r#"<w:spacing w:before="2880"/>"#,
            &text_run(&meta.author, ""),
        ));
        s
    }

    /// The note under the title (a deadline for comments, a credit line), if there is one.
    fn note(&self) -> Option<&str> {
        self.doc.meta.comment_note.as_deref().filter(|n| !n.trim().is_empty())
    }

    /// A brief's first lines, as the PDF's: the forum over a rule, the addressee, the title, the
    /// version and date on one line, the note in a shaded box.
    fn brief_head(&self) -> String {
        let meta = &self.doc.meta;
        let mut s = styled_para("Masthead", "", &text_run(&meta.forum, ""));
        for (i, line) in meta.addressee.iter().enumerate() {
            // The space before the title follows the block's last line.
            let ppr = if i + 1 == meta.addressee.len() { r#"<w:spacing w:after="360"/>"# } else { "" };
            s.push_str(&styled_para("Addressee", ppr, &text_run(line, "")));
        }
        s.push_str(&styled_para("Title", "", &text_run(&meta.title, "")));
        let details: Vec<&str> = [&meta.version_label, &meta.date]
            .into_iter()
            .map(|d| d.trim())
            .filter(|d| !d.is_empty())
            .collect();
        if !details.is_empty() {
            s.push_str(&styled_para("DocumentDetail", "", &text_run(&details.join("  ·  "), "")));
        }
        if let Some(note) = self.note() {
            s.push_str(&styled_para("Note", "", &text_run(note, "")));
        }
        s
    }

    /// The table of contents: a TOC field whose result is already the entries (hyperlinks to
    /// the headings' bookmarks, page numbers as PAGEREF fields with an estimated result), so it
    /// reads right before anyone updates it. Word updates it with F9 or "Update table".
    fn toc(&self) -> String {
        let mut s = format!(
            r#"<w:p><w:pPr><w:pStyle w:val="TOCHeading"/><w:pageBreakBefore/></w:pPr>{}</w:p>"#,
            text_run(&self.doc.meta.contents_title, "")
        );
        let field_begin = format!(
            "{}{}{}",
            fld_char("begin", ""),
            instr_text(r#" TOC \o "1-3" \h \z \u "#, ""),
            fld_char("separate", "")
        );
        if self.toc.is_empty() {
            s.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{field_begin}{}</w:p>"#,
                fld_char("end", "")
            ));
            return s;
        }
        let first_page = 2 + self.toc_pages();
        let np = "<w:rPr><w:noProof/></w:rPr>";
        let np_hidden = "<w:rPr><w:noProof/><w:webHidden/></w:rPr>";
        for (i, entry) in self.toc.iter().enumerate() {
            s.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="TOC{}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TOC_TAB}"/></w:tabs><w:rPr><w:noProof/></w:rPr></w:pPr>"#,
                entry.level
            ));
            if i == 0 {
                s.push_str(&field_begin);
            }
            s.push_str(&format!(r#"<w:hyperlink w:anchor="{}" w:history="1">"#, entry.bookmark));
            s.push_str(&text_run(&entry.text, np));
            s.push_str(&format!("<w:r>{np_hidden}<w:tab/></w:r>"));
            s.push_str(&fld_char("begin", np_hidden));
            s.push_str(&instr_text(&format!(r" PAGEREF {} \h ", entry.bookmark), np_hidden));
            s.push_str(&fld_char("separate", np_hidden));
            s.push_str(&text_run(&(first_page + entry.page).to_string(), np_hidden));
            s.push_str(&fld_char("end", np_hidden));
            s.push_str("</w:hyperlink></w:p>");
        }
        s.push_str(&format!("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr>{}</w:p>", fld_char("end", np)));
        s
    }

    /// How many pages the table of contents takes (estimated).
    fn toc_pages(&self) -> u32 {
        let height: f32 = 60.0 + self.toc.iter().map(|e| if e.level == 1 { 24.0 } else { 17.0 }).sum::<f32>();
        (height / PAGE_TEXT_PT).ceil().max(1.0) as u32
    }

    // --- parts and blocks --------------------------------------------------------------------

    fn part(&mut self, part: &Part, out: &mut String) -> Result<()> {
        // A report's parts open a page; a brief's follow one another.
        let page_break = match self.doc.meta.layout {
            Layout::Report => {
                self.pager.new_page();
                "<w:pageBreakBefore/>"
            }
            Layout::Brief => "",
        };
        let text = match &part.number {
            Some(number) => format!("{number}. {}", part.title),
            None => part.title.clone(),
        };
        if text.trim().is_empty() {
            // An untitled part (a letter's body) has no heading of its own.
            return self.blocks(&part.blocks, Ctx::body(), out);
        }
        let (start, end) = self.bookmark(&part.anchor);
        out.push_str(&styled_para("Heading1", page_break, &format!("{start}{}{end}", text_run(&text, ""))));
        let height = lines(&text, TEXT_W, 18.0, 0.55) * 18.0 * LINE + 24.0;
        if let Some(bookmark) = self.bookmarks.get(&part.anchor) {
            self.toc.push(TocEntry { level: 1, text, bookmark: bookmark.clone(), page: self.pager.page });
        }
        self.pager.add(height);
        self.blocks(&part.blocks, Ctx::body(), out)
    }

    fn blocks(&mut self, blocks: &[Block], ctx: Ctx, out: &mut String) -> Result<()> {
        for block in blocks {
            self.block(block, ctx, out)?;
        }
        Ok(())
    }

    fn block(&mut self, block: &Block, ctx: Ctx, out: &mut String) -> Result<()> {
        match block {
            Block::Heading { level, number, anchor, text } => {
                self.heading(*level, number.as_deref(), anchor, text, out)
            }
            Block::Paragraph { content } => {
                let ppr = match (ctx.list_level, ctx.quote) {
                    (_, true) => r#"<w:pPr><w:pStyle w:val="Quote"/></w:pPr>"#.to_owned(),
                    (Some(level), false) => format!(
                        r#"<w:pPr><w:pStyle w:val="ListContinue"/><w:ind w:left="{}"/></w:pPr>"#,
                        LIST_INDENT * (level + 1)
                    ),
                    (None, false) => String::new(),
                };
                out.push_str(&format!("<w:p>{ppr}"));
                self.inlines(content, Fmt::default(), Place::Body, out);
                out.push_str("</w:p>");
                self.pager.add(paragraph_pt(&plain_text(content), ctx.width, 11.0, 8.0));
            }
            Block::List { ordered, start, items } => self.list(*ordered, *start, items, ctx, out)?,
            Block::Quote { blocks } => self.blocks(blocks, Ctx { quote: true, ..ctx }, out)?,
            Block::Code { text } => {
                out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Code"/></w:pPr>"#);
                let lines: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        out.push_str("<w:r><w:br/></w:r>");
                    }
                    push_text_run(out, line.trim_end_matches('\r'), Fmt::default(), true);
                }
                out.push_str("</w:p>");
                self.pager.add(lines.len() as f32 * 9.0 * LINE + 24.0);
            }
            Block::Table(table) => self.table(table, ctx.width, out),
            Block::Figure { number, image, caption, alt } => {
                self.figure(*number, image, caption, alt, ctx.width, out)?
            }
            Block::Callout { kind, title, blocks } => self.callout(*kind, title, blocks, ctx, out)?,
            Block::Rule => {
                out.push_str(&format!(
                    r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{RULE}"/></w:pBdr><w:spacing w:after="240"/></w:pPr></w:p>"#
                ));
                self.pager.add(20.0);
            }
        }
        Ok(())
    }

    fn heading(&mut self, level: u8, number: Option<&str>, anchor: &str, text: &[Inline], out: &mut String) {
        let level = level.clamp(2, 4);
        let (start, end) = self.bookmark(anchor);
        out.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>{start}"#));
        if let Some(number) = number {
            out.push_str(&text_run(&format!("{number} "), ""));
        }
        self.inlines(text, Fmt::default(), Place::Body, out);
        out.push_str(&end);
        out.push_str("</w:p>");
        // A heading is kept with what follows: it moves to the next page with its first lines.
        let (before, size, after) = match level {
            2 => (18.0, 14.0, 6.0),
            3 => (14.0, 12.0, 4.0),
            _ => (12.0, 11.0, 3.0),
        };
        let words = format!("{} {}", number.unwrap_or_default(), plain_text(text));
        let height = before + lines(&words, TEXT_W, size, 0.55) * size * LINE + after;
        self.pager.keep(height + 45.0);
        if let Some(bookmark) = self.bookmarks.get(anchor).filter(|_| level <= 3) {
            let mut title = plain_text(text);
            if let Some(number) = number {
                title = format!("{number} {title}");
            }
            self.toc.push(TocEntry { level, text: title, bookmark: bookmark.clone(), page: self.pager.page });
        }
        self.pager.add(height);
    }

    fn list(
        &mut self,
        ordered: bool,
        start: u64,
        items: &[Vec<Block>],
        ctx: Ctx,
        out: &mut String,
    ) -> Result<()> {
        let level = ctx.list_level.map_or(0, |l| (l + 1).min(8));
        let (num, style) = if ordered {
            self.lists.push((level, start));
            (FIRST_LIST_NUM + self.lists.len() as u32 - 1, "ListNumber")
        } else {
            (BULLETS_NUM, "ListBullet")
        };
        let inner =
            Ctx { width: ctx.width.saturating_sub(LIST_INDENT), list_level: Some(level), quote: false };
        for item in items {
            out.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>"#
            ));
            let rest = match item.first() {
                Some(Block::Paragraph { content }) => {
                    self.inlines(content, Fmt::default(), Place::Body, out);
                    self.pager.add(paragraph_pt(&plain_text(content), inner.width, 11.0, 4.0));
                    &item[1..]
                }
                _ => {
                    self.pager.add(19.0);
                    &item[..]
                }
            };
            out.push_str("</w:p>");
            self.blocks(rest, inner, out)?;
        }
        Ok(())
    }

    fn table(&mut self, table: &Table, width: u32, out: &mut String) {
        let columns = table.rows.iter().map(Vec::len).chain([table.header.len()]).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        if table.number.is_some() || table.caption.is_some() {
            out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Caption"/><w:keepNext/></w:pPr>"#);
            let bold = Fmt { bold: true, ..Fmt::default() };
            if let Some(number) = table.number {
                push_text_run(out, "Table ", bold, false);
                out.push_str(&seq_field("Table", number, &bold.rpr()));
                if table.caption.is_some() {
                    push_text_run(out, ":", bold, false);
                    push_text_run(out, " ", Fmt::default(), false);
                }
            }
            if let Some(caption) = &table.caption {
                self.inlines(caption, Fmt::default(), Place::Body, out);
            }
            out.push_str("</w:p>");
            self.pager.add(22.0);
        }
        let widths = column_widths(&table.widths, columns, width);
        out.push_str(&format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
            table_borders(RULE)
        ));
        for w in &widths {
            out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
        }
        out.push_str("</w:tblGrid>");
        let align = |i: usize| match table.align.get(i) {
            Some(Align::Center) => "center",
            Some(Align::Right) => "right",
            _ => "left",
        };
        let mut header_pt = 0.0;
        if !table.header.is_empty() {
            // The header row repeats at the top of every page the table runs onto.
            out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (i, w) in widths.iter().enumerate() {
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/><w:vAlign w:val="bottom"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableHeading"/><w:jc w:val="{}"/></w:pPr>"#,
                    align(i)
                ));
                if let Some(cell) = table.header.get(i) {
                    self.inlines(cell, Fmt::default(), Place::Body, out);
                }
                out.push_str("</w:p></w:tc>");
            }
            out.push_str("</w:tr>");
            header_pt = row_pt(&table.header, &widths);
            self.pager.keep(header_pt + row_pt(table.rows.first().map_or(&[][..], Vec::as_slice), &widths));
            self.pager.add(header_pt);
        }
        for (r, row) in table.rows.iter().enumerate() {
            out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (i, w) in widths.iter().enumerate() {
                let shading =
                    if r % 2 == 1 { r#"<w:shd w:val="clear" w:color="auto" w:fill="F2F5FA"/>"# } else { "" };
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shading}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{}"/></w:pPr>"#,
                    align(i)
                ));
                if let Some(cell) = row.get(i) {
                    self.inlines(cell, Fmt::default(), Place::Body, out);
                }
                out.push_str("</w:p></w:tc>");
            }
            out.push_str("</w:tr>");
            self.pager.add_row(row_pt(row, &widths), header_pt);
        }
        out.push_str("</w:tbl>");
        out.push_str(AFTER_TABLE);
        self.pager.add(10.0);
    }

    fn figure(
        &mut self,
        number: u32,
        image: &str,
        caption: &[Inline],
        alt: &str,
        width: u32,
        out: &mut String,
    ) -> Result<()> {
        let picture = self.picture(image)?;
        let (cx, cy) = fit(
            picture.cx,
            picture.cy,
            u64::from(width) * EMU_PER_TWIP,
            u64::from(MAX_IMAGE_H) * EMU_PER_TWIP,
        );
        out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="FigureImage"/></w:pPr>"#);
        out.push_str(&self.drawing(&picture, cx, cy, alt));
        out.push_str("</w:p>");
        out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr>"#);
        let bold = Fmt { bold: true, ..Fmt::default() };
        push_text_run(out, "Figure ", bold, false);
        out.push_str(&seq_field("Figure", number, &bold.rpr()));
        if !caption.is_empty() {
            push_text_run(out, ":", bold, false);
            push_text_run(out, " ", Fmt::default(), false);
            self.inlines(caption, Fmt::default(), Place::Body, out);
        }
        out.push_str("</w:p>");
        let height = cy as f32 / EMU_PER_TWIP as f32 / 20.0;
        self.pager.keep(height + 40.0);
        self.pager.add(height + 40.0);
        Ok(())
    }

    fn callout(
        &mut self,
        kind: CalloutKind,
        title: &str,
        blocks: &[Block],
        ctx: Ctx,
        out: &mut String,
    ) -> Result<()> {
        let (fill, accent) = match kind {
            CalloutKind::Observations => ("EEF3FA", BLUE),
            CalloutKind::Challenges => ("FDF3E8", "C55A11"),
            CalloutKind::Recommendations => ("EEF6EC", "538135"),
        };
        let width = ctx.width;
        out.push_str(&format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="Callout"/><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="single" w:sz="24" w:space="0" w:color="{accent}"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="113" w:type="dxa"/><w:left w:w="{CALLOUT_PAD}" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="{CALLOUT_PAD}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>"#
        ));
        let title = if title.trim().is_empty() { kind.default_title() } else { title };
        out.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="CalloutTitle"/></w:pPr>{}</w:p>"#,
            text_run(title, &format!(r#"<w:rPr><w:color w:val="{accent}"/></w:rPr>"#))
        ));
        // The box is measured on its own: LibreOffice starts it on the next page when it does
        // not fit on this one (and splits it only when it is taller than a page).
        let outer = std::mem::take(&mut self.pager);
        let toc_before = self.toc.len();
        self.pager.add(30.0);
        let inner = Ctx { width: width.saturating_sub(2 * CALLOUT_PAD + 60), list_level: None, quote: false };
        let mut content = String::new();
        let written = self.blocks(blocks, inner, &mut content);
        let measured = std::mem::replace(&mut self.pager, outer);
        written?;
        let height = measured.page as f32 * PAGE_TEXT_PT + measured.used + 20.0;
        self.pager.keep(height);
        for entry in &mut self.toc[toc_before..] {
            entry.page += self.pager.page;
        }
        self.pager.add(height);
        out.push_str(&content);
        // A cell ends with a paragraph.
        if !content.ends_with("</w:p>") {
            out.push_str(r#"<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>"#);
        }
        out.push_str("</w:tc></w:tr></w:tbl>");
        out.push_str(AFTER_TABLE);
        Ok(())
    }

    // --- inlines -----------------------------------------------------------------------------

    fn inlines(&mut self, content: &[Inline], fmt: Fmt, place: Place, out: &mut String) {
        for inline in content {
            match inline {
                Inline::Text { text } => push_text_run(out, text, fmt, false),
                Inline::Emph { content } => self.inlines(content, Fmt { italic: true, ..fmt }, place, out),
                Inline::Strong { content } => self.inlines(content, Fmt { bold: true, ..fmt }, place, out),
                Inline::Strike { content } => self.inlines(content, Fmt { strike: true, ..fmt }, place, out),
                Inline::Code { text } => push_text_run(out, text, Fmt { code: true, ..fmt }, false),
                Inline::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
                Inline::Link { url, content } => {
                    let linked = Fmt { link: true, ..fmt };
                    // A link in a link, or to nowhere, is its text.
                    if fmt.link || url.trim().is_empty() {
                        self.inlines(content, fmt, place, out);
                    } else if place == Place::Footnote {
                        out.push_str(&fld_char("begin", ""));
                        out.push_str(&instr_text(&format!(r#" HYPERLINK "{}" "#, safe_url(url)), ""));
                        out.push_str(&fld_char("separate", ""));
                        self.inlines(content, linked, place, out);
                        out.push_str(&fld_char("end", ""));
                    } else {
                        let rel = self.link_rel(url);
                        out.push_str(&format!(r#"<w:hyperlink r:id="{rel}" w:history="1">"#));
                        self.inlines(content, linked, place, out);
                        out.push_str("</w:hyperlink>");
                    }
                }
                Inline::Ref { anchor, content } => match self.bookmarks.get(anchor).cloned() {
                    Some(bookmark) if !fmt.link => {
                        out.push_str(&format!(r#"<w:hyperlink w:anchor="{bookmark}" w:history="1">"#));
                        self.inlines(content, Fmt { link: true, ..fmt }, place, out);
                        out.push_str("</w:hyperlink>");
                    }
                    _ => self.inlines(content, fmt, place, out),
                },
                Inline::Footnote { content } => match place {
                    Place::Body => {
                        let id = self.footnote(content);
                        out.push_str(&format!(
                            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
                        ));
                    }
                    // A note in a note: its text in brackets.
                    Place::Footnote => {
                        push_text_run(out, " (", fmt, false);
                        self.inlines(content, fmt, place, out);
                        push_text_run(out, ")", fmt, false);
                    }
                },
            }
        }
    }

    fn footnote(&mut self, content: &[Inline]) -> usize {
        let id = self.footnotes.len() + 1;
        let mut s = format!(
            r#"<w:footnote w:id="{id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#
        );
        self.inlines(content, Fmt::default(), Place::Footnote, &mut s);
        s.push_str("</w:p></w:footnote>");
        self.footnotes.push(s);
        self.pager.add(lines(&plain_text(content), TEXT_W - 200, 9.0, 0.48) * 9.0 * LINE + 2.0);
        id
    }

    fn link_rel(&mut self, url: &str) -> String {
        let target = safe_url(url);
        if let Some(id) = self.link_rels.get(&target) {
            return id.clone();
        }
        let id = format!("rId{}", FIRST_FREE_REL + self.rels.len());
        self.rels.push((id.clone(), "hyperlink", target.clone(), true));
        self.link_rels.insert(target, id.clone());
        id
    }

    /// A bookmark around a heading's text, if its anchor has one (and it is not placed yet).
    fn bookmark(&mut self, anchor: &str) -> (String, String) {
        match self.bookmarks.get(anchor) {
            Some(name) if self.placed.insert(name.clone()) => {
                let id = self.next_bookmark;
                self.next_bookmark += 1;
                (
                    format!(r#"<w:bookmarkStart w:id="{id}" w:name="{name}"/>"#),
                    format!(r#"<w:bookmarkEnd w:id="{id}"/>"#),
                )
            }
            _ => (String::new(), String::new()),
        }
    }

    // --- pictures ----------------------------------------------------------------------------

    fn picture(&mut self, name: &str) -> Result<Picture> {
        if let Some(picture) = self.pictures.get(name) {
            return Ok(picture.clone());
        }
        let image: &Image =
            self.doc.images.iter().find(|i| i.name == name).ok_or_else(|| ReportError::Image {
                name: name.to_owned(),
                reason: "the report has no picture by this name".to_owned(),
            })?;
        let bad = |reason: String| ReportError::Image { name: name.to_owned(), reason };
        let max_w = u64::from(TEXT_W) * EMU_PER_TWIP;
        let (bytes, cx, cy) = match image.format {
            ImageFormat::Svg => {
                let (png, w_px, h_px) = rasterise_svg(&image.bytes, TEXT_W as f32 / 15.0).map_err(bad)?;
                (png, (w_px * EMU_PER_PX as f32) as u64, (h_px * EMU_PER_PX as f32) as u64)
            }
            ImageFormat::Png | ImageFormat::Jpeg => {
                let size = if image.format == ImageFormat::Png {
                    png_size(&image.bytes)
                } else {
                    jpeg_size(&image.bytes)
                };
                let (w, h) = size.ok_or_else(|| {
                    bad(format!("it is not a readable {} file", image.format.extension().to_uppercase()))
                })?;
                (image.bytes.clone(), u64::from(w) * EMU_PER_PX, u64::from(h) * EMU_PER_PX)
            }
        };
        let (cx, cy) = fit(cx, cy, max_w, u64::from(MAX_IMAGE_H) * EMU_PER_TWIP);
        let media = format!("image{}", self.media.len() + 1);
        if image.format == ImageFormat::Jpeg {
            self.jpeg_media.push(media.clone());
        }
        self.media.push((media.clone(), bytes));
        let rel = format!("rId{}", FIRST_FREE_REL + self.rels.len());
        self.rels.push((rel.clone(), "image", format!("media/{media}.png"), false));
        let picture = Picture { rel, cx, cy, file: format!("{media}.png") };
        self.pictures.insert(name.to_owned(), picture.clone());
        Ok(picture)
    }

    fn drawing(&mut self, picture: &Picture, cx: u64, cy: u64, alt: &str) -> String {
        let id = self.next_drawing;
        self.next_drawing += 1;
        let alt = esc(alt);
        format!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{id}" name="Picture {id}" descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="{}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
            picture.file, picture.rel
        )
    }

    // --- the other parts ---------------------------------------------------------------------

    fn document_rels(&self) -> String {
        let mut s = format!(
            r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        );
        for (id, kind, target) in FIXED_RELS {
            s.push_str(&format!(r#"<Relationship Id="{id}" Type="{REL_NS}/{kind}" Target="{target}"/>"#));
        }
        for (id, kind, target, external) in &self.rels {
            let mode = if *external { r#" TargetMode="External""# } else { "" };
            s.push_str(&format!(
                r#"<Relationship Id="{id}" Type="{REL_NS}/{kind}" Target="{}"{mode}/>"#,
                esc(target)
            ));
        }
        s.push_str("</Relationships>");
        s
    }

    fn content_types(&self) -> String {
        let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
        let mut s = format!(
            r#"{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#
        );
        let overrides = [
            ("/word/document.xml", format!("{wml}.document.main+xml")),
            ("/word/styles.xml", format!("{wml}.styles+xml")),
            ("/word/settings.xml", format!("{wml}.settings+xml")),
            ("/word/fontTable.xml", format!("{wml}.fontTable+xml")),
            ("/word/numbering.xml", format!("{wml}.numbering+xml")),
            ("/word/footnotes.xml", format!("{wml}.footnotes+xml")),
            ("/word/comments.xml", format!("{wml}.comments+xml")),
            ("/word/commentsExtended.xml", format!("{wml}.commentsExtended+xml")),
            ("/word/header1.xml", format!("{wml}.header+xml")),
            ("/word/header2.xml", format!("{wml}.header+xml")),
            ("/word/footer1.xml", format!("{wml}.footer+xml")),
            ("/word/footer2.xml", format!("{wml}.footer+xml")),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml".to_owned()),
            (
                "/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_owned(),
            ),
            (
                "/docProps/custom.xml",
                "application/vnd.openxmlformats-officedocument.custom-properties+xml".to_owned(),
            ),
        ];
        for (part, kind) in overrides {
            s.push_str(&format!(r#"<Override PartName="{part}" ContentType="{kind}"/>"#));
        }
        // docx-rs names every picture .png; a JPEG kept as it is says so here.
        for media in &self.jpeg_media {
            s.push_str(&format!(
                r#"<Override PartName="/word/media/{media}.png" ContentType="image/jpeg"/>"#
            ));
        }
        s.push_str("</Types>");
        s
    }

    fn footnotes_part(&self) -> String {
        let separator = |kind: &str, id: i32, mark: &str| {
            format!(
                r#"<w:footnote w:type="{kind}" w:id="{id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{mark}/></w:r></w:p></w:footnote>"#
            )
        };
        let mut s = format!("{XML_DECL}<w:footnotes {NS_W}>");
        s.push_str(&separator("separator", -1, "separator"));
        s.push_str(&separator("continuationSeparator", 0, "continuationSeparator"));
        for note in &self.footnotes {
            s.push_str(note);
        }
        s.push_str("</w:footnotes>");
        s
    }

    fn numbering(&self) -> String {
        let mut s = format!("{XML_DECL}<w:numbering {NS_W}>");
        let bullets = ["\u{2022}", "\u{2013}", "\u{25AA}"];
        s.push_str(&format!(r#"<w:abstractNum w:abstractNumId="{BULLETS_ABSTRACT}"><w:multiLevelType w:val="hybridMultilevel"/>"#));
        for level in 0..9u32 {
            s.push_str(&format!(
                r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="{LIST_HANGING}"/></w:pPr><w:rPr>{}</w:rPr></w:lvl>"#,
                bullets[level as usize % 3],
                LIST_INDENT * (level + 1),
                fonts_xml(HEADING_FONT)
            ));
        }
        s.push_str("</w:abstractNum>");
        let formats = ["decimal", "lowerLetter", "lowerRoman"];
        s.push_str(&format!(r#"<w:abstractNum w:abstractNumId="{NUMBERS_ABSTRACT}"><w:multiLevelType w:val="hybridMultilevel"/>"#));
        for level in 0..9u32 {
            s.push_str(&format!(
                r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{}"/><w:lvlText w:val="%{}."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="{LIST_HANGING}"/></w:pPr></w:lvl>"#,
                formats[level as usize % 3],
                level + 1,
                LIST_INDENT * (level + 1)
            ));
        }
        s.push_str("</w:abstractNum>");
        s.push_str(&format!(
            r#"<w:num w:numId="{BULLETS_NUM}"><w:abstractNumId w:val="{BULLETS_ABSTRACT}"/></w:num>"#
        ));
        s.push_str(&format!(
            r#"<w:num w:numId="{NUMBERS_NUM}"><w:abstractNumId w:val="{NUMBERS_ABSTRACT}"/></w:num>"#
        ));
        for (i, (level, start)) in self.lists.iter().enumerate() {
            s.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="{NUMBERS_ABSTRACT}"/><w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{}"/></w:lvlOverride></w:num>"#,
                FIRST_LIST_NUM + i as u32,
                (*start).min(i32::MAX as u64)
            ));
        }
        s.push_str("</w:numbering>");
        s
    }
}

/// The space after a table: an empty paragraph 10 pt high (it also keeps two tables in a row
/// from merging into one, and ends a table cell with the paragraph Word requires).
const AFTER_TABLE: &str = r#"<w:p><w:pPr><w:spacing w:after="0" w:line="200" w:lineRule="exact"/><w:rPr><w:sz w:val="10"/></w:rPr></w:pPr></w:p>"#;

// ---------------------------------------------------------------------------------------------
// Page estimates, for the page numbers the table of contents shows before it is updated.

const PAGE_TEXT_PT: f32 = (PAGE_H - 2 * MARGIN) as f32 / 20.0;

#[derive(Default)]
struct Pager {
    /// Page, counted from the first page of the first part.
    page: u32,
    /// Height used on that page, in points.
    used: f32,
}

impl Pager {
    fn add(&mut self, height: f32) {
        self.used += height;
        while self.used > PAGE_TEXT_PT {
            self.page += 1;
            self.used -= PAGE_TEXT_PT;
        }
    }

    /// A table row never splits: it moves whole to the next page, under the repeated header
    /// row.
    fn add_row(&mut self, height: f32, header: f32) {
        if self.used + height > PAGE_TEXT_PT && self.used > header {
            self.page += 1;
            self.used = header;
        }
        self.add(height);
    }

    /// Something kept together with what follows it.
    fn keep(&mut self, height: f32) {
        if self.used + height > PAGE_TEXT_PT && self.used > 0.0 {
            self.page += 1;
            self.used = 0.0;
        }
    }

    fn new_page(&mut self) {
        if self.used > 0.0 {
            self.page += 1;
            self.used = 0.0;
        }
    }
}

/// Line height of a font size at single spacing. The factor is LibreOffice's with the fonts it
/// puts in for Cambria and Calibri (Noto Serif, Noto Sans); Word with Cambria sets lines about
/// 15 % tighter, so its pages run a little shorter until the table of contents is updated.
const LINE: f32 = 1.36;
/// The body's 1.15 line spacing.
const BODY_LINE: f32 = LINE * 1.15;

/// Lines some text takes in a width at a font size, its words wrapped (a character is about
/// half the size wide: a little less in running text, a little more in narrow table cells).
fn lines(text: &str, width: u32, size: f32, em: f32) -> f32 {
    let per_line = (width as f32 / 20.0 / (size * em)).max(1.0);
    let (mut lines, mut used) = (1.0f32, 0.0f32);
    for word in text.split_whitespace() {
        let len = word.chars().count() as f32;
        if used > 0.0 && used + 1.0 + len <= per_line {
            used += 1.0 + len;
        } else if used > 0.0 {
            lines += 1.0 + (len / per_line).floor();
            used = len % per_line;
        } else {
            lines += (len / per_line).floor();
            used = len % per_line;
        }
    }
    lines
}

/// The height of a body paragraph of some characters, with the space after it.
fn paragraph_pt(text: &str, width: u32, size: f32, after: f32) -> f32 {
    lines(text, width, size, 0.48) * size * BODY_LINE + after
}

fn row_pt(cells: &[Vec<Inline>], widths: &[u32]) -> f32 {
    let tallest = cells
        .iter()
        .zip(widths)
        .map(|(cell, w)| lines(&plain_text(cell), w.saturating_sub(216), 10.0, 0.5))
        .fold(1.0, f32::max);
    tallest * 10.0 * LINE + 6.2
}

// ---------------------------------------------------------------------------------------------
// Small pieces of XML.

/// Text for XML, characters XML cannot hold left out.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// A run of text: tabs become tab characters, line ends spaces (or breaks, in code).
fn push_text_run(out: &mut String, text: &str, fmt: Fmt, breaks: bool) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    out.push_str(&fmt.rpr());
    let mut chunk = String::new();
    let flush = |chunk: &mut String, out: &mut String| {
        if !chunk.is_empty() {
            out.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(chunk)));
            chunk.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(&mut chunk, out);
                out.push_str("<w:tab/>");
            }
            '\n' if breaks => {
                flush(&mut chunk, out);
                out.push_str("<w:br/>");
            }
            '\r' => {}
            c => chunk.push(c),
        }
    }
    flush(&mut chunk, out);
    out.push_str("</w:r>");
}

/// A paragraph of a style holding some runs; `ppr` adds to the style (spacing, a page break).
fn styled_para(style: &str, ppr: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{runs}</w:p>"#)
}

fn text_run(text: &str, rpr: &str) -> String {
    format!(r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#, esc(text))
}

fn fld_char(kind: &str, rpr: &str) -> String {
    format!(r#"<w:r>{rpr}<w:fldChar w:fldCharType="{kind}"/></w:r>"#)
}

fn instr_text(code: &str, rpr: &str) -> String {
    format!(r#"<w:r>{rpr}<w:instrText xml:space="preserve">{}</w:instrText></w:r>"#, esc(code))
}

/// A caption number as a SEQ field, so Word renumbers when figures or tables are added.
fn seq_field(name: &str, number: u32, rpr: &str) -> String {
    format!(
        "{}{}{}{}{}",
        fld_char("begin", rpr),
        instr_text(&format!(r" SEQ {name} \* ARABIC "), rpr),
        fld_char("separate", rpr),
        text_run(&number.to_string(), rpr),
        fld_char("end", rpr)
    )
}

fn fonts_xml(font: &str) -> String {
    format!(r#"<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:cs="{font}"/>"#)
}

fn table_borders(color: &str) -> String {
    ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{color}"/>"#))
        .collect()
}

/// A link target as a relationship or a HYPERLINK field's quotes hold it: characters a URI may
/// not contain percent-encoded (Word refuses a document whose relationship target is not a URI).
fn safe_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}') {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Column widths in twips from the model's fractions (equal columns when they do not fit).
fn column_widths(fractions: &[f32], columns: usize, width: u32) -> Vec<u32> {
    let usable = fractions.len() == columns && fractions.iter().all(|f| f.is_finite() && *f > 0.0);
    let total: f32 = if usable { fractions.iter().sum() } else { columns as f32 };
    let mut widths: Vec<u32> = (0..columns)
        .map(|i| {
            let f = if usable { fractions[i] } else { 1.0 };
            ((f / total) * width as f32).floor().max(1.0) as u32
        })
        .collect();
    // No column narrower than a few characters (the cell margins take 0.4 cm of each): the
    // room comes from the wider ones.
    let min = (width / columns as u32).min(MIN_COLUMN);
    let short: u32 = widths.iter().filter(|w| **w < min).map(|w| min - w).sum();
    if short > 0 {
        let spare: u32 = widths.iter().filter(|w| **w > min).map(|w| w - min).sum();
        for w in &mut widths {
            if *w < min {
                *w = min;
            } else {
                *w -= (u64::from(*w - min) * u64::from(short) / u64::from(spare.max(1))) as u32;
            }
        }
    }
    // The last column takes the rounding, so the table is exactly as wide as the text.
    let sum: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last = (*last + width).saturating_sub(sum).max(1);
    }
    widths
}

/// A size scaled down (never up) to fit a box, keeping its aspect.
fn fit(cx: u64, cy: u64, max_w: u64, max_h: u64) -> (u64, u64) {
    let (cx, cy) = (cx.max(1), cy.max(1));
    let scale = (max_w as f64 / cx as f64).min(max_h as f64 / cy as f64).min(1.0);
    (((cx as f64) * scale).round().max(1.0) as u64, ((cy as f64) * scale).round().max(1.0) as u64)
}

fn for_each_heading(blocks: &[Block], f: &mut dyn FnMut(&str)) {
    for block in blocks {
        match block {
            Block::Heading { anchor, .. } => f(anchor),
            Block::Quote { blocks } | Block::Callout { blocks, .. } => for_each_heading(blocks, f),
            Block::List { items, .. } => items.iter().for_each(|item| for_each_heading(item, f)),
            _ => {}
        }
    }
}

/// A Word-safe bookmark name for an anchor: letters, digits and `_`, starting with a letter, at
/// most 40 characters, unique (Word compares them without case).
fn add_bookmark(bookmarks: &mut HashMap<String, String>, taken: &mut HashSet<String>, anchor: &str) {
    if anchor.is_empty() || bookmarks.contains_key(anchor) {
        return;
    }
    let mut base: String = anchor.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base.insert_str(0, "s_");
    }
    base.truncate(40);
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_ascii_lowercase()) {
        let suffix = format!("_{n}");
        let mut stem = base.clone();
        stem.truncate(40 - suffix.len());
        name = stem + &suffix;
        n += 1;
    }
    bookmarks.insert(anchor.to_owned(), name);
}

// ---------------------------------------------------------------------------------------------
// Pictures.

/// The fonts charts are drawn with: the ones bundled for the PDF.
fn font_db() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for font in fonts::FILES {
            db.load_font_data(font.to_vec());
        }
        Arc::new(db)
    })
    .clone()
}

/// An SVG as a PNG at twice its size on the page (at most `max_w_px` CSS pixels wide), with
/// that size in CSS pixels.
fn rasterise_svg(svg: &[u8], max_w_px: f32) -> std::result::Result<(Vec<u8>, f32, f32), String> {
    let options =
        usvg::Options { font_family: fonts::SANS.to_owned(), fontdb: font_db(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_data(svg, &options)
        .map_err(|e| format!("it is not a readable SVG picture ({e})"))?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err("the SVG picture has no size".to_owned());
    }
    let shown = (max_w_px / w).min(1.0);
    let (w_shown, h_shown) = (w * shown, h * shown);
    let scale = (2.0 * shown).min(4000.0 / w).min(4000.0 / h);
    let (pw, ph) = ((w * scale).ceil().max(1.0) as u32, (h * scale).ceil().max(1.0) as u32);
    let mut pixmap =
        tiny_skia::Pixmap::new(pw, ph).ok_or_else(|| "the SVG picture is too large".to_owned())?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| format!("it could not be turned into PNG ({e})"))?;
    Ok((png, w_shown, h_shown))
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// Width and height of a JPEG, from its start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if matches!(marker, 0xD0..=0xD9 | 0x01) {
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let seg = bytes.get(i + 4..i + 9)?;
            let h = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
            let w = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            return (w > 0 && h > 0).then_some((w, h));
        }
        i += 2 + len;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// The parts that do not depend on the body.

fn section_properties() -> String {
    format!(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId6"/><w:headerReference w:type="first" r:id="rId7"/><w:footerReference w:type="default" r:id="rId8"/><w:footerReference w:type="first" r:id="rId9"/><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>"#
    )
}

fn header(title: &str) -> String {
    format!(
        r#"{XML_DECL}<w:hdr {NS_W}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{}</w:p></w:hdr>"#,
        text_run(title, "")
    )
}

fn footer() -> String {
    format!(
        r#"{XML_DECL}<w:ftr {NS_W}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{}{}{}{}{}</w:p></w:ftr>"#,
        fld_char("begin", ""),
        instr_text(" PAGE ", ""),
        fld_char("separate", ""),
        text_run("2", ""),
        fld_char("end", "")
    )
}

/// The cover's header or footer: nothing (and no rule under it).
fn empty_header_footer(tag: &str) -> String {
    format!(r#"{XML_DECL}<w:{tag} {NS_W}><w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p></w:{tag}>"#)
}

fn package_rels() -> String {
    format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL_NS}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="{REL_NS}/custom-properties" Target="docProps/custom.xml"/></Relationships>"#
    )
}

fn core_props(doc: &Document) -> String {
    let meta = &doc.meta;
    let mut s = format!(
        r#"{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>{}</dc:language>"#,
        esc(&meta.title),
        esc(&meta.forum),
        esc(&meta.author),
        esc(&meta.author),
        esc(&meta.lang)
    );
    let date = &meta.date_iso;
    let is_date = date.len() == 10
        && date
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if is_date {
        s.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:modified>"#
        ));
    }
    s.push_str("</cp:coreProperties>");
    s
}

fn app_props() -> String {
    format!(
        r#"{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>BPF Desk</Application><DocSecurity>0</DocSecurity></Properties>"#
    )
}

fn custom_props() -> String {
    format!(
        r#"{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>"#
    )
}

fn settings(lang: &str) -> String {
    format!(
        r#"{XML_DECL}<w:settings {NS_W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="{}"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"#,
        esc(lang)
    )
}

fn font_table() -> String {
    let font = |name: &str, panose: &str, family: &str, pitch: &str| {
        format!(
            r#"<w:font w:name="{name}"><w:panose1 w:val="{panose}"/><w:charset w:val="00"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        )
    };
    format!(
        "{XML_DECL}<w:fonts {NS_W}>{}{}{}</w:fonts>",
        font(BODY_FONT, "02040503050406030204", "roman", "variable"),
        font(HEADING_FONT, "020F0502020204030204", "swiss", "variable"),
        font(MONO_FONT, "020B0609020204030204", "modern", "fixed")
    )
}

/// The styles: Word's built-in names (so Word lists them as its own: "heading 1" shows as
/// Heading 1) and a few of the report's own (Code, Callout Title, Table Text, Report Table). A
/// brief's Title and Heading 1 are smaller and stand in the text, and it has styles of its own
/// for the lines around its title.
fn styles(lang: &str, layout: Layout) -> String {
    let brief = layout == Layout::Brief;
    let body = fonts_xml(BODY_FONT);
    let sans = fonts_xml(HEADING_FONT);
    let mono = fonts_xml(MONO_FONT);
    let lang = esc(lang);
    let toc_tab = format!(r#"<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TOC_TAB}"/></w:tabs>"#);
    let mut s = format!(
        r#"{XML_DECL}<w:styles {NS_W}><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    let para = |id: &str,
                name: &str,
                based: Option<&str>,
                next: Option<&str>,
                extra: &str,
                ppr: &str,
                rpr: &str| {
        let based = based.map(|b| format!(r#"<w:basedOn w:val="{b}"/>"#)).unwrap_or_default();
        let next = next.map(|n| format!(r#"<w:next w:val="{n}"/>"#)).unwrap_or_default();
        let ppr = if ppr.is_empty() { String::new() } else { format!("<w:pPr>{ppr}</w:pPr>") };
        let rpr = if rpr.is_empty() { String::new() } else { format!("<w:rPr>{rpr}</w:rPr>") };
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>{based}{next}{extra}{ppr}{rpr}</w:style>"#
        )
    };
    let q = "<w:qFormat/>";
    let hidden = "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>";
    s.push_str(&format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl/><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr><w:rPr>{body}<w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>"#
    ));
    s.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    s.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    s.push_str(r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);

    // Cover, or a brief's title.
    let (title_ppr, title_size) = if brief {
        (
            r#"<w:keepNext/><w:spacing w:before="240" w:after="80" w:line="216" w:lineRule="auto"/>"#
                .to_owned(),
            40,
        )
    } else {
        (
            format!(
                r#"<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="12" w:color="{NAVY}"/></w:pBdr><w:spacing w:before="3600" w:after="360" w:line="240" w:lineRule="auto"/>"#
            ),
            60,
        )
    };
    s.push_str(&para(
        "Title",
        "Title",
        Some("Normal"),
        Some("Subtitle"),
        q,
        &title_ppr,
        &format!(
            r#"{sans}<w:b/><w:color w:val="{NAVY}"/><w:kern w:val="28"/><w:sz w:val="{title_size}"/><w:szCs w:val="{title_size}"/>"#
        ),
    ));
    s.push_str(&para(
        "Subtitle",
        "Subtitle",
        Some("Normal"),
        Some("Normal"),
        q,
        r#"<w:spacing w:after="240"/>"#,
        &format!(r#"{sans}<w:color w:val="{BLUE}"/><w:sz w:val="32"/><w:szCs w:val="32"/>"#),
    ));
    s.push_str(&para(
        "CoverDetail",
        "Cover Detail",
        Some("Normal"),
        None,
        "",
        r#"<w:spacing w:after="80"/>"#,
        &format!(r#"{sans}<w:color w:val="{GREY}"/><w:sz w:val="26"/><w:szCs w:val="26"/>"#),
    ));

    if brief {
        s.push_str(&para(
            "Masthead",
            "Masthead",
            Some("Normal"),
            Some("Normal"),
            q,
            &format!(r#"<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="{NAVY}"/></w:pBdr><w:spacing w:after="400" w:line="240" w:lineRule="auto"/>"#),
            &format!(r#"{sans}<w:b/><w:bCs/><w:caps/><w:color w:val="{NAVY}"/><w:spacing w:val="16"/><w:sz w:val="17"/><w:szCs w:val="17"/>"#),
        ));
        s.push_str(&para(
            "Addressee",
            "Addressee",
            Some("Normal"),
            None,
            q,
            r#"<w:spacing w:after="0" w:line="264" w:lineRule="auto"/>"#,
            &format!(r#"{sans}<w:sz w:val="20"/><w:szCs w:val="20"/>"#),
        ));
        s.push_str(&para(
            "DocumentDetail",
            "Document Detail",
            Some("Normal"),
            Some("Normal"),
            "",
            r#"<w:keepNext/><w:spacing w:after="240"/>"#,
            &format!(r#"{sans}<w:color w:val="{GREY}"/><w:sz w:val="20"/><w:szCs w:val="20"/>"#),
        ));
        // A box: the top, bottom and right borders in the fill's colour pad the text.
        s.push_str(&para(
            "Note",
            "Note",
            Some("Normal"),
            Some("Normal"),
            q,
            &format!(r#"<w:pBdr><w:top w:val="single" w:sz="4" w:space="6" w:color="{NOTE_FILL}"/><w:left w:val="single" w:sz="24" w:space="8" w:color="{NOTE_ACCENT}"/><w:bottom w:val="single" w:sz="4" w:space="6" w:color="{NOTE_FILL}"/><w:right w:val="single" w:sz="4" w:space="8" w:color="{NOTE_FILL}"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="{NOTE_FILL}"/><w:spacing w:before="200" w:after="480" w:line="264" w:lineRule="auto"/><w:ind w:left="227" w:right="170"/>"#),
            &format!(r#"{sans}<w:sz w:val="20"/><w:szCs w:val="20"/>"#),
        ));
    }

    // Headings: outline levels, so Word's navigation pane and table of contents find them.
    let heading = |n: u8, before: u32, after: u32, size: u32, color: &str, extra_r: &str, border: &str| {
        para(
            &format!("Heading{n}"),
            &format!("heading {n}"),
            Some("Normal"),
            Some("Normal"),
            q,
            &format!(
                r#"<w:keepNext/><w:keepLines/>{border}<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="{}"/>"#,
                n - 1
            ),
            &format!(
                r#"{sans}<w:b/><w:bCs/>{extra_r}<w:color w:val="{color}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#
            ),
        )
    };
    if brief {
        s.push_str(&heading(1, 480, 160, 30, NAVY, "", ""));
    } else {
        s.push_str(&heading(
            1,
            0,
            360,
            36,
            NAVY,
            "",
            &format!(r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="{NAVY}"/></w:pBdr>"#),
        ));
    }
    s.push_str(&heading(2, 360, 120, 28, NAVY, "", ""));
    s.push_str(&heading(3, 280, 80, 24, BLUE, "", ""));
    s.push_str(&heading(4, 240, 60, 22, BLUE, "<w:i/><w:iCs/>", ""));

    // Body pieces.
    s.push_str(&para(
        "Caption",
        "caption",
        Some("Normal"),
        Some("Normal"),
        q,
        r#"<w:spacing w:before="60" w:after="240"/>"#,
        &format!(r#"{sans}<w:color w:val="{NAVY}"/><w:sz w:val="19"/><w:szCs w:val="19"/>"#),
    ));
    s.push_str(&para(
        "FigureImage",
        "Figure Image",
        Some("Normal"),
        Some("Caption"),
        "",
        r#"<w:keepNext/><w:spacing w:before="120" w:after="60" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>"#,
        "",
    ));
    s.push_str(&para(
        "ListBullet",
        "List Bullet",
        Some("Normal"),
        None,
        q,
        &format!(r#"<w:numPr><w:numId w:val="{BULLETS_NUM}"/></w:numPr><w:spacing w:after="80"/>"#),
        "",
    ));
    s.push_str(&para(
        "ListNumber",
        "List Number",
        Some("Normal"),
        None,
        q,
        &format!(r#"<w:numPr><w:numId w:val="{NUMBERS_NUM}"/></w:numPr><w:spacing w:after="80"/>"#),
        "",
    ));
    s.push_str(&para(
        "ListContinue",
        "List Continue",
        Some("Normal"),
        None,
        "",
        &format!(r#"<w:spacing w:after="80"/><w:ind w:left="{LIST_INDENT}"/>"#),
        "",
    ));
    s.push_str(&para(
        "Quote",
        "Quote",
        Some("Normal"),
        Some("Normal"),
        q,
        &format!(r#"<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{RULE}"/></w:pBdr><w:spacing w:before="80" w:after="160"/><w:ind w:left="567" w:right="567"/>"#),
        r#"<w:i/><w:iCs/><w:color w:val="404040"/>"#,
    ));
    s.push_str(&para(
        "Code",
        "Code",
        Some("Normal"),
        Some("Normal"),
        r#"<w:link w:val="CodeChar"/><w:qFormat/>"#,
        r#"<w:keepLines/><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="D9D9D9"/><w:left w:val="single" w:sz="4" w:space="4" w:color="D9D9D9"/><w:bottom w:val="single" w:sz="4" w:space="4" w:color="D9D9D9"/><w:right w:val="single" w:sz="4" w:space="4" w:color="D9D9D9"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F4F5F7"/><w:spacing w:before="120" w:after="240" w:line="240" w:lineRule="auto"/><w:ind w:left="113" w:right="113"/>"#,
        &format!(r#"{mono}<w:sz w:val="18"/><w:szCs w:val="18"/>"#),
    ));
    s.push_str(&format!(
        r#"<w:style w:type="character" w:customStyle="1" w:styleId="CodeChar"><w:name w:val="Code Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Code"/><w:rPr>{mono}<w:sz w:val="20"/><w:szCs w:val="20"/><w:shd w:val="clear" w:color="auto" w:fill="F4F5F7"/></w:rPr></w:style>"#
    ));
    s.push_str(
        r#"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>"#,
    );
    s.push_str(&para(
        "CalloutTitle",
        "Callout Title",
        Some("Normal"),
        Some("Normal"),
        q,
        r#"<w:keepNext/><w:spacing w:before="0" w:after="80"/>"#,
        &format!(r#"{sans}<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>"#),
    ));
    s.push_str(&para(
        "TableText",
        "Table Text",
        Some("Normal"),
        None,
        "",
        r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#,
        r#"<w:sz w:val="20"/><w:szCs w:val="20"/>"#,
    ));
    s.push_str(&para(
        "TableHeading",
        "Table Heading",
        Some("TableText"),
        None,
        "",
        "<w:keepNext/>",
        &format!(r#"{sans}<w:b/><w:bCs/><w:color w:val="FFFFFF"/>"#),
    ));
    s.push_str(&format!(
        r#"<w:style w:type="table" w:customStyle="1" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:tblPr><w:tblBorders>{}</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr>{sans}<w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr><w:tblPr/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr></w:tblStylePr></w:style>"#,
        table_borders(RULE)
    ));
    s.push_str(r#"<w:style w:type="table" w:customStyle="1" w:styleId="Callout"><w:name w:val="Callout"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblCellMar><w:top w:w="113" w:type="dxa"/><w:left w:w="170" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);

    // Footnotes.
    s.push_str(&para(
        "FootnoteText",
        "footnote text",
        Some("Normal"),
        None,
        hidden,
        r#"<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>"#,
        r#"<w:sz w:val="18"/><w:szCs w:val="18"/>"#,
    ));
    s.push_str(r#"<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>"#);

    // Header and footer.
    s.push_str(&para(
        "Header",
        "header",
        Some("Normal"),
        None,
        hidden,
        &format!(r#"<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/>"#),
        &format!(r#"{sans}<w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>"#),
    ));
    s.push_str(&para(
        "Footer",
        "footer",
        Some("Normal"),
        None,
        hidden,
        r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>"#,
        &format!(r#"{sans}<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#),
    ));

    // Table of contents.
    s.push_str(&para(
        "TOCHeading",
        "TOC Heading",
        Some("Heading1"),
        Some("Normal"),
        "<w:uiPriority w:val=\"39\"/><w:unhideWhenUsed/><w:qFormat/>",
        r#"<w:outlineLvl w:val="9"/>"#,
        "",
    ));
    s.push_str(&para(
        "TOC1",
        "toc 1",
        Some("Normal"),
        Some("Normal"),
        "<w:uiPriority w:val=\"39\"/><w:unhideWhenUsed/>",
        &format!(r#"{toc_tab}<w:spacing w:before="160" w:after="60"/>"#),
        &format!(r#"{sans}<w:b/><w:bCs/><w:color w:val="{NAVY}"/>"#),
    ));
    s.push_str(&para(
        "TOC2",
        "toc 2",
        Some("Normal"),
        Some("Normal"),
        "<w:uiPriority w:val=\"39\"/><w:unhideWhenUsed/>",
        &format!(r#"{toc_tab}<w:spacing w:after="40"/><w:ind w:left="284"/>"#),
        "",
    ));
    s.push_str(&para(
        "TOC3",
        "toc 3",
        Some("Normal"),
        Some("Normal"),
        "<w:uiPriority w:val=\"39\"/><w:unhideWhenUsed/>",
        &format!(r#"{toc_tab}<w:spacing w:after="40"/><w:ind w:left="567"/>"#),
        r#"<w:sz w:val="21"/><w:szCs w:val="21"/>"#,
    ));
    s.push_str("</w:styles>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookmark_names_are_word_safe_and_unique() {
        let mut bookmarks = HashMap::new();
        let mut taken = HashSet::new();
        let long = "a".repeat(60);
        for anchor in ["methodology", "1-intro", "été-2026", &long, &long[..59], "Methodology"] {
            add_bookmark(&mut bookmarks, &mut taken, anchor);
        }
        let names: HashSet<String> = bookmarks.values().map(|n| n.to_ascii_lowercase()).collect();
        assert_eq!(names.len(), bookmarks.len());
        for name in bookmarks.values() {
            assert!(name.len() <= 40, "{name}");
            assert!(name.starts_with(|c: char| c.is_ascii_alphabetic()), "{name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{name}");
        }
        assert_eq!(bookmarks["methodology"], "methodology");
        assert_eq!(bookmarks["1-intro"], "s_1_intro");
    }

    #[test]
    fn column_widths_fill_the_text_width() {
        assert_eq!(column_widths(&[0.25, 0.75], 2, 9072), vec![2268, 6804]);
        assert_eq!(column_widths(&[0.5], 3, 9000), vec![3000, 3000, 3000]);
        assert_eq!(column_widths(&[0.3, 0.3, 0.3], 3, 9072).iter().sum::<u32>(), 9072);
        let narrow = column_widths(&[0.02, 0.49, 0.49], 3, 9072);
        assert_eq!(narrow[0], MIN_COLUMN);
        assert_eq!(narrow.iter().sum::<u32>(), 9072);
    }

    #[test]
    fn sizes_from_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((640, 480)));
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 200, 1, 44, 3];
        assert_eq!(jpeg_size(&jpeg), Some((300, 200)));
        assert_eq!(jpeg_size(b"GIF89a"), None);
    }

    #[test]
    fn urls_become_uris() {
        assert_eq!(safe_url("https://example.org/a b?q=\"x\""), "https://example.org/a%20b?q=%22x%22");
        assert_eq!(safe_url("https://exemple.fr/été"), "https://exemple.fr/%C3%A9t%C3%A9");
    }
}
