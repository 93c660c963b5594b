//! Sections of Markdown and generated blocks put together into one numbered [`Document`].

use std::collections::{HashMap, HashSet};

use bpf_domain::report::chapter_letter;

use crate::error::ReportError;
use crate::markdown::{self, MarkdownError};
use crate::model::{Block, Document, Image, Inline, Meta, Part, plain_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// Unnumbered, before the chapters (acknowledgements).
    Front,
    /// Lettered A, B, C.
    Chapter,
    /// Numbered Annex 1, 2, 3.
    Annex,
}

/// One section as written: its Markdown and the blocks generated from the project data that
/// follow it.
#[derive(Debug, Clone)]
pub struct SourcePart {
    pub kind: PartKind,
    pub title: String,
    pub anchor: String,
    pub markdown: String,
    pub generated: Vec<Block>,
}

/// The document of some parts; the first Markdown mistake is an error naming its section and
/// line.
pub fn assemble(meta: Meta, sources: Vec<SourcePart>, images: Vec<Image>) -> Result<Document, ReportError> {
    assemble_with_absent(meta, sources, images, &[])
}

/// As [`assemble`], knowing the sections left out of the report (anchor, title): a
/// cross-reference to one of them prints as text instead of failing the whole document.
pub fn assemble_with_absent(
    meta: Meta,
    sources: Vec<SourcePart>,
    images: Vec<Image>,
    absent: &[(String, String)],
) -> Result<Document, ReportError> {
    let image_names: HashSet<&str> = images.iter().map(|i| i.name.as_str()).collect();
    let image_exists = |name: &str| image_names.contains(name);
    let section_name = |s: &SourcePart| format!("section “{}”", s.title);

    // First pass: every section read, to learn the anchors its headings define.
    let mut anchors: HashSet<String> = sources.iter().map(|s| s.anchor.clone()).collect();
    let mut parsed = Vec::with_capacity(sources.len());
    let mut suffixes = HashMap::new();
    for source in &sources {
        let mut blocks =
            markdown::parse(&source.markdown, &image_exists).map_err(|MarkdownError { line, message }| {
                ReportError::Markdown { section: section_name(source), line, message }
            })?;
        normalise_heading_levels(&mut blocks);
        blocks.extend(source.generated.iter().cloned());
        unique_anchors(&mut blocks, &mut anchors, &mut suffixes);
        parsed.push(blocks);
    }
    // Every cross-reference must land somewhere (a section left out counts: it prints as text).
    anchors.extend(absent.iter().map(|(anchor, _)| anchor.clone()));
    for (source, blocks) in sources.iter().zip(&parsed) {
        if let Some(anchor) = first_unknown_ref(blocks, &anchors) {
            let line =
                source.markdown.lines().position(|l| l.contains(&format!("(#{anchor}"))).map_or(0, |i| i + 1);
            return Err(ReportError::Markdown {
                section: section_name(source),
                line,
                message: format!(
                    "the cross-reference “#{anchor}” matches no section or heading: pick one from “Insert reference”"
                ),
            });
        }
    }

    // Numbers.
    let mut labels: HashMap<String, String> = HashMap::new();
    let (mut front, mut chapters, mut annexes) = (Vec::new(), Vec::new(), Vec::new());
    let mut counters = Counters::default();
    for (source, mut blocks) in sources.into_iter().zip(parsed) {
        let number = match source.kind {
            PartKind::Front => None,
            PartKind::Chapter => Some(chapter_letter(chapters.len())),
            PartKind::Annex => Some(format!("{}", annexes.len() + 1)),
        };
        let label = match (&source.kind, &number) {
            (PartKind::Chapter, Some(n)) => format!("Chapter {n}"),
            (PartKind::Annex, Some(n)) => format!("Annex {n}"),
            _ => source.title.clone(),
        };
        labels.insert(source.anchor.clone(), label);
        counters.number_blocks(&mut blocks, number.as_deref(), &mut labels);
        let part = Part {
            number: number.map(|n| if source.kind == PartKind::Annex { format!("Annex {n}") } else { n }),
            title: source.title,
            anchor: source.anchor,
            blocks,
        };
        match source.kind {
            PartKind::Front => front.push(part),
            PartKind::Chapter => chapters.push(part),
            PartKind::Annex => annexes.push(part),
        }
    }
    let absent: HashMap<&str, &str> = absent.iter().map(|(a, t)| (a.as_str(), t.as_str())).collect();
    for part in front.iter_mut().chain(&mut chapters).chain(&mut annexes) {
        resolve_refs(&mut part.blocks, &labels, &absent);
    }
    Ok(Document { meta, front, chapters, annexes, images })
}

/// Makes each heading's anchor unique (`results`, `results-2`, …). `suffixes` remembers, per
/// anchor, the next number to try: anchors are never taken back, so the ones below it are all
/// taken, and a section of many headings with one title is not quadratic.
fn unique_anchors(blocks: &mut [Block], seen: &mut HashSet<String>, suffixes: &mut HashMap<String, usize>) {
    for_each_block(blocks, &mut |block| {
        if let Block::Heading { anchor, .. } = block {
            if seen.contains(anchor.as_str()) {
                let base = anchor.clone();
                let mut n = suffixes.get(&base).copied().unwrap_or(2);
                loop {
                    *anchor = format!("{base}-{n}");
                    n += 1;
                    if !seen.contains(anchor.as_str()) {
                        break;
                    }
                }
                suffixes.insert(base, n);
            }
            seen.insert(anchor.clone());
        }
    });
}

fn for_each_block(blocks: &mut [Block], f: &mut dyn FnMut(&mut Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::Quote { blocks } | Block::Callout { blocks, .. } => for_each_block(blocks, f),
            Block::List { items, .. } => {
                for item in items {
                    for_each_block(item, f);
                }
            }
            _ => {}
        }
    }
}

/// Every run of inlines in some blocks, footnotes and captions included.
pub fn for_each_inlines(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
    fn walk(inlines: &mut Vec<Inline>, f: &mut dyn FnMut(&mut Vec<Inline>)) {
        f(inlines);
        for inline in inlines.iter_mut() {
            match inline {
                Inline::Emph { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Link { content, .. }
                | Inline::Ref { content, .. }
                | Inline::Footnote { content } => walk(content, f),
                _ => {}
            }
        }
    }
    for_each_block(blocks, &mut |block| match block {
        Block::Paragraph { content }
        | Block::Heading { text: content, .. }
        | Block::Figure { caption: content, .. } => walk(content, f),
        Block::Table(table) => {
            if let Some(caption) = &mut table.caption {
                walk(caption, f);
            }
            for cell in table.header.iter_mut().chain(table.rows.iter_mut().flatten()) {
                walk(cell, f);
            }
        }
        _ => {}
    });
}

fn first_unknown_ref(blocks: &[Block], anchors: &HashSet<String>) -> Option<String> {
    let mut blocks = blocks.to_vec();
    let mut unknown = None;
    for_each_inlines(&mut blocks, &mut |inlines| {
        for inline in inlines.iter() {
            if let Inline::Ref { anchor, .. } = inline
                && unknown.is_none()
                && !anchors.contains(anchor)
            {
                unknown = Some(anchor.clone());
            }
        }
    });
    unknown
}

fn resolve_refs(blocks: &mut [Block], labels: &HashMap<String, String>, absent: &HashMap<&str, &str>) {
    for_each_inlines(blocks, &mut |inlines| {
        let mut i = 0;
        while i < inlines.len() {
            if let Inline::Ref { anchor, content } = &mut inlines[i] {
                if let Some(title) =
                    absent.get(anchor.as_str()).filter(|_| !labels.contains_key(anchor.as_str()))
                {
                    // The target is left out of the report: its words stay, the link goes.
                    let words = if content.is_empty() {
                        vec![Inline::text(format!("“{title}”"))]
                    } else {
                        std::mem::take(content)
                    };
                    inlines.splice(i..=i, words.clone());
                    i += words.len();
                    continue;
                }
                if content.is_empty() {
                    let label = labels.get(anchor).cloned().unwrap_or_else(|| anchor.clone());
                    *content = vec![Inline::text(label)];
                }
            }
            i += 1;
        }
    });
}

/// A section's own headings start one level below its title whatever level the writer began
/// with: a section whose first heading is `##` gets "C.1", not "C.0.1".
fn normalise_heading_levels(blocks: &mut [Block]) {
    let mut min = u8::MAX;
    for_each_block(blocks, &mut |b| {
        if let Block::Heading { level, .. } = b {
            min = min.min(*level);
        }
    });
    if min == u8::MAX || min <= 2 {
        return;
    }
    let shift = min - 2;
    for_each_block(blocks, &mut |b| {
        if let Block::Heading { level, .. } = b {
            *level -= shift;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plain_text;

    fn part(kind: PartKind, title: &str, anchor: &str, markdown: &str) -> SourcePart {
        SourcePart {
            kind,
            title: title.into(),
            anchor: anchor.into(),
            markdown: markdown.into(),
            generated: Vec::new(),
        }
    }

    fn meta() -> Meta {
        crate::sample::meta()
    }

    #[test]
    fn headings_begun_at_any_level_are_numbered_from_one() {
        let doc = assemble(
            meta(),
            vec![part(PartKind::Chapter, "One", "one", "## First\n\ntext\n\n### Deeper\n\n## Second\n")],
            vec![],
        )
        .unwrap();
        let numbers: Vec<Option<String>> = doc.chapters[0]
            .blocks
            .iter()
            .filter_map(|b| if let Block::Heading { number, .. } = b { Some(number.clone()) } else { None })
            .collect();
        assert_eq!(numbers, [Some("A.1".into()), Some("A.1.1".into()), Some("A.2".into())]);
    }

    fn anchors(doc: &Document) -> Vec<String> {
        let mut out = Vec::new();
        for part in &doc.chapters {
            for block in &part.blocks {
                if let Block::Heading { anchor, .. } = block {
                    out.push(anchor.clone());
                }
            }
        }
        out
    }

    /// A large input run through the report_markdown fuzz target: 20,000 headings with one title
    /// took 76 s (each new anchor tried `a-2`, `a-3`, … from the start), so the live preview of
    /// such a section hung.
    #[test]
    fn many_headings_with_one_title_get_numbered_anchors_without_trying_each_number_again() {
        let doc =
            assemble(meta(), vec![part(PartKind::Chapter, "One", "one", &"# a\n".repeat(20_000))], vec![])
                .unwrap();
        let got = anchors(&doc);
        assert_eq!(got.len(), 20_000);
        assert_eq!((got[0].as_str(), got[1].as_str()), ("a", "a-2"));
        assert_eq!(got[19_999], "a-20000");
        // A heading that took one of the numbers itself is skipped, as before.
        let doc = assemble(
            meta(),
            vec![
                part(PartKind::Chapter, "One", "one", "# a\n\n# b {#a-3}\n\n# a\n\n# a\n"),
                part(PartKind::Chapter, "Two", "two", "# a\n\n# One\n"),
            ],
            vec![],
        )
        .unwrap();
        let mut got = anchors(&doc);
        got.sort();
        assert_eq!(got, ["a", "a-2", "a-3", "a-4", "a-5", "one-2"]);
    }

    #[test]
    fn a_reference_to_a_left_out_section_prints_as_text() {
        let sources =
            vec![part(PartKind::Chapter, "One", "one", "See [](#gone), [the cases](#gone) and [](#one).\n")];
        let absent = [("gone".to_owned(), "Case studies".to_owned())];
        let doc = assemble_with_absent(meta(), sources.clone(), vec![], &absent).unwrap();
        let Block::Paragraph { content } = &doc.chapters[0].blocks[0] else { panic!() };
        assert_eq!(plain_text(content), "See “Case studies”, the cases and Chapter A.");
        assert_eq!(content.iter().filter(|i| matches!(i, Inline::Ref { .. })).count(), 1);
        // Without knowing it was left out, the reference is a mistake with its line.
        let err = assemble(meta(), sources, vec![]).unwrap_err().to_string();
        assert!(err.contains("line 1") && err.contains("#gone"), "{err}");
    }
}

#[derive(Default)]
struct Counters {
    figures: u32,
    tables: u32,
}

impl Counters {
    /// Sub-section numbers under a part's number, figure and table numbers, and table captions
    /// taken from a `Table: …` paragraph next to the table.
    fn number_blocks(
        &mut self,
        blocks: &mut Vec<Block>,
        part: Option<&str>,
        labels: &mut HashMap<String, String>,
    ) {
        attach_table_captions(blocks);
        let mut levels = [0u32; 2];
        let mut figures = 0u32;
        for_each_block(blocks, &mut |block| match block {
            Block::Heading { level, number, anchor, text } => {
                let title = plain_text(text);
                match (part, *level) {
                    (Some(p), 2) => {
                        levels = [levels[0] + 1, 0];
                        *number = Some(format!("{p}.{}", levels[0]));
                    }
                    (Some(p), 3) => {
                        levels[1] += 1;
                        *number = Some(format!("{p}.{}.{}", levels[0], levels[1]));
                    }
                    _ => *number = None,
                }
                let label = number.as_ref().map_or(title, |n| format!("section {n}"));
                labels.insert(anchor.clone(), label);
            }
            Block::Figure { number, .. } => {
                figures += 1;
                *number = self.figures + figures;
            }
            Block::Table(table) if table.caption.is_some() => {
                self.tables += 1;
                table.number = Some(self.tables);
            }
            _ => {}
        });
        self.figures += figures;
    }
}

fn attach_table_captions(blocks: &mut Vec<Block>) {
    let caption_of = |b: &Block| -> Option<Vec<Inline>> {
        let Block::Paragraph { content } = b else { return None };
        let Some(Inline::Text { text }) = content.first() else { return None };
        let rest = text.strip_prefix("Table:")?;
        let mut caption = content.clone();
        caption[0] = Inline::text(rest.trim_start());
        Some(caption)
    };
    let mut i = 0;
    while i < blocks.len() {
        if let Block::Table(table) = &blocks[i]
            && table.caption.is_none()
        {
            if let Some(caption) = blocks.get(i + 1).and_then(caption_of) {
                blocks.remove(i + 1);
                if let Block::Table(table) = &mut blocks[i] {
                    table.caption = Some(caption);
                }
            } else if let Some(caption) = i.checked_sub(1).and_then(|p| caption_of(&blocks[p])) {
                blocks.remove(i - 1);
                i -= 1;
                if let Block::Table(table) = &mut blocks[i] {
                    table.caption = Some(caption);
                }
            }
        }
        match &mut blocks[i] {
            Block::Quote { blocks } | Block::Callout { blocks, .. } => attach_table_captions(blocks),
            Block::List { items, .. } => items.iter_mut().for_each(attach_table_captions),
            _ => {}
        }
        i += 1;
    }
}
