//! A section's Markdown read into blocks of the model.
//!
//! CommonMark with tables, footnotes, strikethrough, heading ids (`## Title {#id}`) and smart
//! punctuation, plus the house style's blocks:
//!
//! ```text
//! ::: observations          (or challenges, recommendations; a title may follow)
//! Text, lists, …
//! :::
//! ```
//!
//! An image on a line of its own is a figure, its alternative text the caption. A link to
//! `#anchor` is a cross-reference to a part or sub-section. Raw HTML prints as text. Anything a
//! writer must fix (an unknown image, a broken table row, an unclosed block) is an error with the
//! line it is on.

use std::collections::HashMap;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::{Align, Block, CalloutKind, Inline, Table, plain_text};

/// Quotes, list levels and `:::` blocks inside one another, at most: the PDF template gives up
/// a little deeper (12 quotes around 12 levels of emphasis exceed Typst's show-rule depth), and
/// a few thousand levels would overflow the stack of every writer (they walk blocks recursively).
pub const MAX_BLOCK_NESTING: usize = 10;
/// Emphasis, strong, strikethrough, links and image captions inside one another, at most (the
/// PDF template reads the document as JSON, which may nest 128 deep).
pub const MAX_INLINE_NESTING: usize = 16;

/// Something the writer must fix, at a line of the section's text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownError {
    pub line: usize,
    pub message: String,
}

/// Blocks read from one section, with the anchors of its headings still to be numbered.
pub fn parse(text: &str, image_exists: &dyn Fn(&str) -> bool) -> Result<Vec<Block>, MarkdownError> {
    let (source, callouts) = mark_callouts(text)?;
    let lines = LineIndex::new(&source);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut reader = Reader {
        lines: &lines,
        source: &source,
        callouts: &callouts,
        image_exists,
        stack: vec![Frame::new(Container::Root, 0)],
        footnotes: HashMap::new(),
        footnote_refs: Vec::new(),
        header_cells: 0,
    };
    for (event, range) in Parser::new_ext(&source, options).into_offset_iter() {
        reader.event(event, range)?;
    }
    if reader.stack.len() > 1 {
        let open = reader.stack.last().map_or(0, |f| f.line);
        return Err(MarkdownError {
            line: open,
            message: "this ::: block is not closed: end it with a line holding only :::".into(),
        });
    }
    let mut root = reader.stack.pop().map(|f| f.blocks).unwrap_or_default();
    let mut refs = reader.footnote_refs.into_iter();
    let mut notes = Notes {
        sizes: reader.footnotes.iter().map(|(label, content)| (label.as_str(), size(content))).collect(),
        defs: &reader.footnotes,
        budget: NOTE_COPIES * text.len() + NOTE_SLACK,
    };
    fill_footnotes(&mut root, &mut refs, &mut notes)?;
    Ok(root)
}

/// The `::: kind` lines replaced by HTML comments holding an index into the titles, so that
/// CommonMark sees a block boundary there (a comment may interrupt a paragraph) and the lines
/// keep their numbers.
fn mark_callouts(text: &str) -> Result<(String, Vec<(CalloutKind, String)>), MarkdownError> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut callouts = Vec::new();
    let mut in_fence: Option<&str> = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        // Fenced code shows ::: as it is.
        if let Some(fence) = in_fence {
            if trimmed.starts_with(fence) {
                in_fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        let ending = &line[body.len()..];
        if let Some(rest) = trimmed.strip_prefix(":::") {
            let rest = rest.trim();
            if rest.is_empty() {
                out.push_str("<!--bpf-close-->");
            } else {
                let (word, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                let Some(kind) =
                    CalloutKind::ALL.into_iter().find(|k| k.keyword().eq_ignore_ascii_case(word))
                else {
                    return Err(MarkdownError {
                        line: n + 1,
                        message: format!(
                            "“::: {word}” is not a block this report knows: use ::: observations, ::: challenges or ::: recommendations"
                        ),
                    });
                };
                let title = title.trim();
                let title = if title.is_empty() { kind.default_title().to_owned() } else { title.to_owned() };
                out.push_str(&format!("<!--bpf-open:{}-->", callouts.len()));
                callouts.push((kind, title));
            }
            out.push_str(ending);
        } else {
            out.push_str(line);
        }
    }
    Ok((out, callouts))
}

struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[derive(Debug)]
enum Container {
    Root,
    Paragraph,
    Heading { level: u8, id: Option<String> },
    Quote,
    List { ordered: bool, start: u64 },
    Item,
    Code { text: String },
    Table { align: Vec<Align> },
    TableHead,
    TableRow,
    Cell,
    Emph,
    Strong,
    Strike,
    Link { url: String },
    Image { url: String },
    FootnoteDefinition { label: String },
    Callout { kind: CalloutKind, title: String },
    Html,
}

#[derive(Debug)]
struct Frame {
    container: Container,
    line: usize,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    /// Items of a list, rows of a table, cells of a row.
    items: Vec<Vec<Block>>,
    rows: Vec<Vec<Vec<Inline>>>,
    cells: Vec<Vec<Inline>>,
}

impl Frame {
    fn new(container: Container, line: usize) -> Frame {
        Frame {
            container,
            line,
            blocks: Vec::new(),
            inlines: Vec::new(),
            items: Vec::new(),
            rows: Vec::new(),
            cells: Vec::new(),
        }
    }
}

struct Reader<'a> {
    lines: &'a LineIndex,
    source: &'a str,
    callouts: &'a [(CalloutKind, String)],
    image_exists: &'a dyn Fn(&str) -> bool,
    stack: Vec<Frame>,
    footnotes: HashMap<String, Vec<Inline>>,
    /// Labels of the footnote marks in the order they appear, with their lines.
    footnote_refs: Vec<(String, usize)>,
    /// Cells in the header row of the table being read.
    header_cells: usize,
}

impl Reader<'_> {
    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("the root frame is never popped while reading")
    }

    fn push_inline(&mut self, inline: Inline) {
        let top = self.top();
        // Adjacent text runs merge (smart punctuation splits them).
        if let (Inline::Text { text: new }, Some(Inline::Text { text })) = (&inline, top.inlines.last_mut()) {
            text.push_str(new);
            return;
        }
        top.inlines.push(inline);
    }

    /// Inline content outside any paragraph (a tight list item) gets a paragraph of its own.
    fn flush_loose_inlines(&mut self) {
        let top = self.top();
        if !top.inlines.is_empty()
            && matches!(
                top.container,
                Container::Item
                    | Container::Root
                    | Container::Quote
                    | Container::Callout { .. }
                    | Container::FootnoteDefinition { .. }
            )
        {
            let content = std::mem::take(&mut top.inlines);
            top.blocks.push(Block::Paragraph { content });
        }
    }

    fn err(&self, line: usize, message: impl Into<String>) -> MarkdownError {
        MarkdownError { line, message: message.into() }
    }

    fn event(&mut self, event: Event, range: std::ops::Range<usize>) -> Result<(), MarkdownError> {
        let line = self.lines.line(range.start);
        match event {
            Event::Start(tag) => {
                let container = match tag {
                    Tag::Paragraph => {
                        self.check_pipe_paragraph(&range)?;
                        Container::Paragraph
                    }
                    Tag::Heading { level, id, .. } => {
                        Container::Heading { level: heading_level(level), id: id.map(|s| s.to_string()) }
                    }
                    Tag::BlockQuote(_) => Container::Quote,
                    Tag::CodeBlock(_) => Container::Code { text: String::new() },
                    Tag::HtmlBlock => Container::Html,
                    Tag::List(start) => {
                        Container::List { ordered: start.is_some(), start: start.unwrap_or(1) }
                    }
                    Tag::Item => Container::Item,
                    Tag::FootnoteDefinition(label) => {
                        Container::FootnoteDefinition { label: label.to_string() }
                    }
                    Tag::Table(align) => {
                        let align = align
                            .into_iter()
                            .map(|a| match a {
                                Alignment::Center => Align::Center,
                                Alignment::Right => Align::Right,
                                Alignment::Left | Alignment::None => Align::Left,
                            })
                            .collect();
                        Container::Table { align }
                    }
                    Tag::TableHead => Container::TableHead,
                    Tag::TableRow => {
                        self.check_row(&range, line)?;
                        Container::TableRow
                    }
                    Tag::TableCell => Container::Cell,
                    Tag::Emphasis => Container::Emph,
                    Tag::Strong => Container::Strong,
                    Tag::Strikethrough => Container::Strike,
                    Tag::Link { dest_url, .. } => Container::Link { url: dest_url.to_string() },
                    Tag::Image { dest_url, .. } => Container::Image { url: dest_url.to_string() },
                    other => {
                        return Err(self.err(
                            line,
                            format!("this Markdown element is not supported in a report ({other:?})"),
                        ));
                    }
                };
                if matches!(
                    container,
                    Container::Paragraph
                        | Container::Heading { .. }
                        | Container::Quote
                        | Container::List { .. }
                        | Container::Code { .. }
                        | Container::Table { .. }
                        | Container::Html
                ) {
                    self.flush_loose_inlines();
                }
                self.check_nesting(&container, line)?;
                if let Container::Table { .. } = container {
                    self.header_cells = self.source[range.clone()].lines().next().map_or(0, count_cells);
                }
                self.stack.push(Frame::new(container, line));
            }
            Event::End(end) => self.end(end, line)?,
            Event::Text(text) => {
                if let Some(Frame { container: Container::Code { text: code }, .. }) = self.stack.last_mut() {
                    code.push_str(&text);
                } else {
                    self.push_inline(Inline::text(text.to_string()));
                }
            }
            Event::Code(text) => self.push_inline(Inline::Code { text: text.to_string() }),
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html, line)?,
            Event::SoftBreak => self.push_inline(Inline::text(" ")),
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => {
                self.flush_loose_inlines();
                self.top().blocks.push(Block::Rule);
            }
            Event::FootnoteReference(label) => {
                self.footnote_refs.push((label.to_string(), line));
                self.top().inlines.push(Inline::Footnote { content: Vec::new() });
            }
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.push_inline(Inline::text(self.source[range].to_string()));
            }
        }
        Ok(())
    }

    fn html(&mut self, html: &str, line: usize) -> Result<(), MarkdownError> {
        let trimmed = html.trim();
        if trimmed == "<!--bpf-close-->" {
            // The comment sits in an HTML block of its own, which is open on the stack.
            let html_frame = self.stack.pop();
            self.flush_loose_inlines();
            let Some(Frame { container: Container::Callout { kind, title }, blocks, .. }) = self.stack.pop()
            else {
                return Err(self.err(line, "this ::: closes no block: there is no ::: observations, challenges or recommendations open here"));
            };
            self.top().blocks.push(Block::Callout { kind, title, blocks });
            if let Some(frame) = html_frame {
                self.stack.push(frame);
            }
            return Ok(());
        }
        if let Some(index) = trimmed
            .strip_prefix("<!--bpf-open:")
            .and_then(|r| r.strip_suffix("-->"))
            .and_then(|i| i.parse::<usize>().ok())
            && let Some((kind, title)) = self.callouts.get(index)
        {
            if self.stack.iter().any(|f| matches!(f.container, Container::Callout { .. })) {
                return Err(
                    self.err(line, "a ::: block cannot start inside another one: close the first with :::")
                );
            }
            let callout = Container::Callout { kind: *kind, title: title.clone() };
            self.check_nesting(&callout, line)?;
            let html_frame = self.stack.pop();
            self.flush_loose_inlines();
            self.stack.push(Frame::new(callout, line));
            if let Some(frame) = html_frame {
                self.stack.push(frame);
            }
            return Ok(());
        }
        // Raw HTML is shown as written, never interpreted.
        if matches!(self.top().container, Container::Html) {
            self.push_inline(Inline::text(html.trim_end_matches('\n').to_string()));
        } else {
            self.push_inline(Inline::text(html.to_string()));
        }
        Ok(())
    }

    fn end(&mut self, end: TagEnd, line: usize) -> Result<(), MarkdownError> {
        let Some(frame) = self.stack.pop() else { return Ok(()) };
        if matches!(frame.container, Container::Callout { .. }) {
            return Err(self.err(frame.line, "this ::: block must be closed (a line holding only :::) before the list or quote around it ends"));
        }
        let mut frame = frame;
        if !frame.inlines.is_empty()
            && matches!(
                frame.container,
                Container::Item | Container::Quote | Container::FootnoteDefinition { .. }
            )
        {
            let content = std::mem::take(&mut frame.inlines);
            frame.blocks.push(Block::Paragraph { content });
        }
        let _ = end;
        match frame.container {
            Container::Root => {}
            Container::Paragraph => {
                let block = self.paragraph(frame.inlines, frame.line)?;
                if let Some(block) = block {
                    self.top().blocks.push(block);
                }
            }
            Container::Heading { level, id } => {
                let text = frame.inlines;
                let anchor = id.unwrap_or_else(|| slug(&plain_text(&text)));
                self.top().blocks.push(Block::Heading { level, number: None, anchor, text });
            }
            Container::Quote => self.top().blocks.push(Block::Quote { blocks: frame.blocks }),
            Container::Code { text } => {
                self.top().blocks.push(Block::Code { text: text.trim_end_matches('\n').to_owned() })
            }
            Container::Html => {
                if !frame.inlines.is_empty() {
                    let content = frame.inlines;
                    self.top().blocks.push(Block::Paragraph { content });
                }
            }
            Container::List { ordered, start } => {
                self.top().blocks.push(Block::List { ordered, start, items: frame.items })
            }
            Container::Item => self.top().items.push(frame.blocks),
            Container::FootnoteDefinition { label } => {
                let mut content = Vec::new();
                for block in frame.blocks {
                    if !content.is_empty() {
                        content.push(Inline::text(" "));
                    }
                    flatten_block(block, &mut content);
                }
                self.footnotes.insert(label, content);
            }
            Container::Table { align } => {
                let mut rows = frame.rows;
                let header = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
                let widths = column_widths(&header, &rows);
                self.top().blocks.push(Block::Table(Table {
                    number: None,
                    caption: None,
                    align,
                    header,
                    rows,
                    widths,
                }));
            }
            Container::TableHead | Container::TableRow => self.top().rows.push(frame.cells),
            Container::Cell => self.top().cells.push(frame.inlines),
            Container::Emph => self.push_inline(Inline::Emph { content: frame.inlines }),
            Container::Strong => self.push_inline(Inline::Strong { content: frame.inlines }),
            Container::Strike => self.push_inline(Inline::Strike { content: frame.inlines }),
            Container::Link { url } => {
                let inline = link(url, frame.inlines).map_err(|m| self.err(line, m))?;
                self.push_inline(inline);
            }
            Container::Image { url } => {
                if !(self.image_exists)(&url) {
                    return Err(self.err(frame.line, format!("the image “{url}” is not among the report’s images: add it under Images, or correct the name")));
                }
                // Kept as a marker; the paragraph around it turns it into a figure.
                self.top()
                    .inlines
                    .push(Inline::Link { url: format!("\u{0}image:{url}"), content: frame.inlines });
            }
            Container::Callout { .. } => unreachable!("handled above"),
        }
        Ok(())
    }

    /// Refuses a container that would nest blocks or inlines deeper than the writers allow.
    fn check_nesting(&self, container: &Container, line: usize) -> Result<(), MarkdownError> {
        let is_block = |c: &Container| {
            matches!(c, Container::Quote | Container::List { .. } | Container::Callout { .. })
        };
        let is_inline = |c: &Container| {
            matches!(
                c,
                Container::Emph
                    | Container::Strong
                    | Container::Strike
                    | Container::Link { .. }
                    | Container::Image { .. }
            )
        };
        let open =
            |kind: &dyn Fn(&Container) -> bool| self.stack.iter().filter(|f| kind(&f.container)).count();
        if is_block(container) && open(&is_block) >= MAX_BLOCK_NESTING {
            return Err(self.err(
                line,
                format!(
                    "quotes, lists and ::: blocks are nested more than {MAX_BLOCK_NESTING} deep here: a report allows {MAX_BLOCK_NESTING} levels"
                ),
            ));
        }
        if is_inline(container) && open(&is_inline) >= MAX_INLINE_NESTING {
            return Err(self.err(
                line,
                format!(
                    "emphasis, bold, strikethrough and links are nested more than {MAX_INLINE_NESTING} deep here: a report allows {MAX_INLINE_NESTING} levels"
                ),
            ));
        }
        Ok(())
    }

    /// A paragraph, or a figure when it holds only an image.
    fn paragraph(&self, inlines: Vec<Inline>, line: usize) -> Result<Option<Block>, MarkdownError> {
        let is_image = |i: &Inline| matches!(i, Inline::Link { url, .. } if url.starts_with("\u{0}image:"));
        let meaningful: Vec<&Inline> = inlines
            .iter()
            .filter(|i| !matches!(i, Inline::Text { text } if text.trim().is_empty()))
            .collect();
        if meaningful.len() == 1 && is_image(meaningful[0]) {
            let Inline::Link { url, content } = meaningful[0] else { unreachable!() };
            let alt = plain_text(content);
            return Ok(Some(Block::Figure {
                number: 0,
                image: url.trim_start_matches("\u{0}image:").to_owned(),
                caption: content.clone(),
                alt,
            }));
        }
        if inlines.iter().any(is_image) {
            return Err(self.err(line, "an image must stand on a line of its own, with a blank line before and after it: it becomes a figure with its text as the caption"));
        }
        if inlines.is_empty() {
            return Ok(None);
        }
        Ok(Some(Block::Paragraph { content: inlines }))
    }

    /// A paragraph of `| … |` lines is a table whose delimiter row is missing or wrong.
    fn check_pipe_paragraph(&self, range: &std::ops::Range<usize>) -> Result<(), MarkdownError> {
        let text = &self.source[range.clone()];
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.len() >= 2 && lines.iter().all(|l| l.starts_with('|') && l.ends_with('|') && l.len() > 1) {
            return Err(self.err(
                self.lines.line(range.start),
                "these lines look like a table but it has no valid delimiter row: put a line like |---|---| under the header row, with one cell per column",
            ));
        }
        Ok(())
    }

    fn check_row(&self, range: &std::ops::Range<usize>, line: usize) -> Result<(), MarkdownError> {
        let row = self.source[range.clone()].lines().next().unwrap_or("");
        let n = count_cells(row);
        if self.header_cells > 0 && n > self.header_cells {
            return Err(self.err(
                line,
                format!(
                    "this table row has {n} cells but the header row has {}: the extra cells would be lost",
                    self.header_cells
                ),
            ));
        }
        Ok(())
    }
}

fn count_cells(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let mut cells = 1;
    let mut escaped = false;
    let mut in_code = false;
    let bytes = row.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\\' if !escaped => {
                escaped = true;
                continue;
            }
            b'`' if !escaped => in_code = !in_code,
            b'|' if !escaped && !in_code && i + 1 < bytes.len() => cells += 1,
            _ => {}
        }
        escaped = false;
    }
    cells
}

fn heading_level(level: HeadingLevel) -> u8 {
    // A section's own `#` headings are its sub-sections: one level below the chapter.
    match level {
        HeadingLevel::H1 => 2,
        HeadingLevel::H2 => 3,
        _ => 4,
    }
}

fn link(url: String, content: Vec<Inline>) -> Result<Inline, String> {
    if let Some(anchor) = url.strip_prefix('#') {
        if anchor.is_empty() {
            return Err("a link to “#” names no section: write #anchor, as shown beside each heading".into());
        }
        return Ok(Inline::Ref { anchor: anchor.to_owned(), content });
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        let content = if content.is_empty() { vec![Inline::text(url.clone())] } else { content };
        return Ok(Inline::Link { url, content });
    }
    Err(format!(
        "the link “{url}” is neither a web address (https://…), an e-mail address (mailto:…) nor a #section anchor"
    ))
}

fn flatten_block(block: Block, out: &mut Vec<Inline>) {
    match block {
        Block::Paragraph { content } | Block::Heading { text: content, .. } => out.extend(content),
        Block::List { items, .. } => {
            for blocks in items {
                for b in blocks {
                    flatten_block(b, out);
                }
            }
        }
        Block::Quote { blocks } | Block::Callout { blocks, .. } => {
            for b in blocks {
                flatten_block(b, out);
            }
        }
        Block::Code { text } => out.push(Inline::Code { text }),
        Block::Table(_) | Block::Figure { .. } | Block::Rule => {}
    }
}

/// Each footnote mark gets its own copy of its note's text, so a long note referenced many
/// times multiplies the section's size: the copies may hold at most this many times the section's
/// text, plus [`NOTE_SLACK`] bytes (200 KB of Markdown, a 100 KB note marked 25,000 times, took
/// 2.4 GB in the report_markdown fuzz target).
const NOTE_COPIES: usize = 4;
const NOTE_SLACK: usize = 1 << 20;

/// The footnotes' texts by label, their sizes, and how much text copies may still take.
struct Notes<'a> {
    defs: &'a HashMap<String, Vec<Inline>>,
    sizes: HashMap<&'a str, usize>,
    budget: usize,
}

/// Roughly the bytes some inlines take: their text, and a few for each element.
fn size(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text } | Inline::Code { text } => text.len() + 8,
            Inline::Link { url, content } => url.len() + size(content) + 8,
            Inline::Ref { anchor, content } => anchor.len() + size(content) + 8,
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Footnote { content } => size(content) + 8,
            Inline::LineBreak => 8,
        })
        .sum()
}

fn fill_footnotes(
    blocks: &mut [Block],
    refs: &mut impl Iterator<Item = (String, usize)>,
    defs: &mut Notes<'_>,
) -> Result<(), MarkdownError> {
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { text: content, .. } => {
                fill_inlines(content, refs, defs)?
            }
            Block::List { items, .. } => {
                for item in items {
                    fill_footnotes(item, refs, defs)?;
                }
            }
            Block::Quote { blocks } | Block::Callout { blocks, .. } => fill_footnotes(blocks, refs, defs)?,
            Block::Table(table) => {
                for cell in table.header.iter_mut().chain(table.rows.iter_mut().flatten()) {
                    fill_inlines(cell, refs, defs)?;
                }
            }
            Block::Figure { caption, .. } => fill_inlines(caption, refs, defs)?,
            Block::Code { .. } | Block::Rule => {}
        }
    }
    Ok(())
}

fn fill_inlines(
    inlines: &mut [Inline],
    refs: &mut impl Iterator<Item = (String, usize)>,
    defs: &mut Notes<'_>,
) -> Result<(), MarkdownError> {
    for inline in inlines {
        match inline {
            Inline::Footnote { content } => {
                let Some((label, line)) = refs.next() else { continue };
                match defs.defs.get(&label) {
                    Some(text) => {
                        let needed = defs.sizes.get(label.as_str()).copied().unwrap_or(0);
                        let Some(left) = defs.budget.checked_sub(needed) else {
                            return Err(MarkdownError {
                                line,
                                message: format!(
                                    "the footnote [^{label}] is marked too often for its length: each mark prints the whole note again, which would make this section more than {NOTE_COPIES} times longer; mark a long note once"
                                ),
                            });
                        };
                        defs.budget = left;
                        *content = text.clone();
                    }
                    None => {
                        return Err(MarkdownError {
                            line,
                            message: format!(
                                "the footnote [^{label}] has no text: add a line “[^{label}]: …” to this section"
                            ),
                        });
                    }
                }
            }
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Ref { content, .. } => {
                fill_inlines(content, refs, defs)?;
            }
            Inline::Text { .. } | Inline::Code { .. } | Inline::LineBreak => {}
        }
    }
    Ok(())
}

/// Relative column widths from the length of the text in each column (the header counts
/// less), so a column of long sentences gets the room and a column of numbers stays narrow.
pub fn column_widths(header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Vec<f32> {
    let columns = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if columns == 0 {
        return Vec::new();
    }
    let mut weight = vec![0f32; columns];
    for (i, cell) in header.iter().enumerate() {
        let words = plain_text(cell);
        let longest = words.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
        weight[i] = weight[i].max(longest as f32 + 2.0);
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let len = plain_text(cell).chars().count() as f32;
            weight[i] = weight[i].max(len.sqrt() * 4.0).max(4.0);
        }
    }
    // Long text columns get their share; none below a sixth of an even split.
    let total: f32 = weight.iter().sum();
    let floor = 1.0 / columns as f32 / 6.0;
    let mut widths: Vec<f32> = weight.iter().map(|w| (w / total).max(floor)).collect();
    let sum: f32 = widths.iter().sum();
    for w in &mut widths {
        *w /= sum;
    }
    widths
}

/// An anchor from a title: lower case, letters and digits, words joined by hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "section".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_images(_: &str) -> bool {
        false
    }

    /// The deepest block of a parse, counting quotes, lists and ::: blocks.
    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Quote { blocks } | Block::Callout { blocks, .. } => 1 + depth(blocks),
                Block::List { items, .. } => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    /// A large input run through the report_markdown fuzz target: 20,000 `>` overflowed the
    /// stack (the model's clone and drop, the writers and the JSON are recursive); 16 nested
    /// quotes already made the PDF fail with Typst's "maximum show rule depth exceeded".
    #[test]
    fn deeply_nested_quotes_are_refused_with_their_line() {
        let text = format!("Intro.\n\n{} deep\n", ">".repeat(20_000));
        let e = parse(&text, &no_images).unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(
            e.message,
            "quotes, lists and ::: blocks are nested more than 10 deep here: a report allows 10 levels"
        );
        let ok = parse(&format!("{} deep\n", ">".repeat(MAX_BLOCK_NESTING)), &no_images).unwrap();
        assert_eq!(depth(&ok), MAX_BLOCK_NESTING);
    }

    #[test]
    fn deeply_nested_lists_and_quotes_in_a_block_are_refused() {
        let e = parse(&format!("{}x\n", "- ".repeat(5_000)), &no_images).unwrap_err();
        assert_eq!((e.line, e.message.contains("nested more than 10 deep")), (1, true), "{e:?}");
        let e = parse(&format!("{}x\n", "> - ".repeat(7)), &no_images).unwrap_err();
        assert!(e.message.contains("nested more than 10 deep"), "{e:?}");
        let inside = format!("::: observations\n{}x\n\n:::\n", "> ".repeat(MAX_BLOCK_NESTING));
        let e = parse(&inside, &no_images).unwrap_err();
        assert_eq!((e.line, e.message.contains("nested more than 10 deep")), (2, true), "{e:?}");
        let fits = format!("::: observations\n{}x\n\n:::\n", "> ".repeat(MAX_BLOCK_NESTING - 1));
        assert_eq!(depth(&parse(&fits, &no_images).unwrap()), MAX_BLOCK_NESTING);
    }

    /// A large input run through the report_markdown fuzz target: every mark copies its note, so
    /// 200 KB of Markdown (a 100 KB note marked 25,000 times) took 2.4 GB.
    #[test]
    fn a_long_footnote_marked_over_and_over_is_refused() {
        let text = format!("{}\n\n[^a]: {}\n", "[^a]".repeat(25_000), "word ".repeat(20_000));
        let e = parse(&text, &no_images).unwrap_err();
        assert_eq!(e.line, 1);
        assert_eq!(
            e.message,
            "the footnote [^a] is marked too often for its length: each mark prints the whole note again, which would make this section more than 4 times longer; mark a long note once"
        );
        // A short note may be marked again and again.
        let text = format!("{}\n\n[^src]: Survey of 2026.\n", "Figure[^src] ".repeat(2_000));
        let blocks = parse(&text, &no_images).unwrap();
        let Block::Paragraph { content } = &blocks[0] else { panic!("{blocks:?}") };
        let notes =
            content.iter().filter(|i| matches!(i, Inline::Footnote { content } if !content.is_empty()));
        assert_eq!(notes.count(), 2_000);
    }

    #[test]
    fn deeply_nested_emphasis_is_refused() {
        let nest = |n: usize| {
            let open: String = (0..n).map(|i| ["*a ", "**a ", "~~a "][i % 3]).collect();
            let close: String = (0..n).rev().map(|i| [" a*", " a**", " a~~"][i % 3]).collect();
            format!("Line one.\n{open}x{close}\n")
        };
        let e = parse(&nest(3_000), &no_images).unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(
            e.message,
            "emphasis, bold, strikethrough and links are nested more than 16 deep here: a report allows 16 levels"
        );
        assert!(parse(&nest(MAX_INLINE_NESTING), &no_images).is_ok());
    }
}
