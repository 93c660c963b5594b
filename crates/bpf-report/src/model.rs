//! The report as one document: what the PDF and the DOCX writers both lay out.
//!
//! Every string here is plain text, never markup: the Typst template receives the model as JSON
//! data and turns strings into text, so a `#`, `$`, `*`, `<` or `@` typed by a user prints as
//! itself. Numbers of chapters, sub-sections, annexes and cross-references are worked out once,
//! here, so both formats show the same ones.

use serde::{Deserialize, Serialize};

/// A whole report, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub meta: Meta,
    /// Unnumbered parts before the table of contents' chapters (acknowledgements).
    pub front: Vec<Part>,
    /// Chapters lettered A, B, C.
    pub chapters: Vec<Part>,
    /// Annexes numbered 1, 2, 3.
    pub annexes: Vec<Part>,
    /// The pictures the parts refer to by name (`Block::Figure::image`). Not in the JSON the
    /// template reads: the PDF writer hands them over as files.
    #[serde(skip)]
    pub images: Vec<Image>,
}

/// What the cover (or a brief's first page), the running header and the document properties say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// "Best Practice Forum on Cybersecurity".
    pub title: String,
    /// "Internet Governance Forum 2026".
    pub forum: String,
    /// "Draft for public comment" or "Final output".
    pub version_label: String,
    /// The date shown on the cover, written out ("3 August 2026").
    pub date: String,
    /// ISO date of publication, for the document properties.
    pub date_iso: String,
    /// "Comments are welcome until 15 October 2026." on a draft.
    pub comment_note: Option<String>,
    /// The document's author property ("IGF Best Practice Forum on Cybersecurity").
    pub author: String,
    /// BCP 47 language of the text ("en").
    pub lang: String,
    /// Heading of the table of contents.
    pub contents_title: String,
    /// How the document is laid out.
    #[serde(default)]
    pub layout: Layout,
    /// Brief only: lines printed top left before the title (a letter's addressee); empty for none.
    #[serde(default)]
    pub addressee: Vec<String>,
}

/// How the document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// A long report: a cover page, a table of contents, each part on a new page.
    #[default]
    Report,
    /// A short document in the report's house style (a contribution, a letter, a scorecard):
    /// the forum, the addressee, the title and the note at the top of the first page, then the
    /// parts one after the other; no cover and no table of contents.
    Brief,
}

/// A chapter, an annex or a front part: a heading and its blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// "A", "B", "Annex 1", or `None` for an unnumbered front part.
    pub number: Option<String>,
    pub title: String,
    /// The anchor cross-references use (`#methodology`).
    pub anchor: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Block {
    /// A sub-section heading: level 2 is "A.1", level 3 "A.1.1", level 4 is unnumbered.
    Heading {
        level: u8,
        number: Option<String>,
        anchor: String,
        text: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Code {
        text: String,
    },
    Table(Table),
    /// A picture with its caption, numbered "Figure 1".
    Figure {
        number: u32,
        image: String,
        caption: Vec<Inline>,
        alt: String,
    },
    /// The observations / challenges / recommendations blocks of the house style.
    Callout {
        kind: CalloutKind,
        title: String,
        blocks: Vec<Block>,
    },
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalloutKind {
    Observations,
    Challenges,
    Recommendations,
}

impl CalloutKind {
    pub const ALL: [CalloutKind; 3] =
        [CalloutKind::Observations, CalloutKind::Challenges, CalloutKind::Recommendations];

    /// The word after `:::` that opens the block.
    pub fn keyword(self) -> &'static str {
        match self {
            CalloutKind::Observations => "observations",
            CalloutKind::Challenges => "challenges",
            CalloutKind::Recommendations => "recommendations",
        }
    }

    /// The block's title when the writer gives none.
    pub fn default_title(self) -> &'static str {
        match self {
            CalloutKind::Observations => "Observations",
            CalloutKind::Challenges => "Challenges and areas for improvement",
            CalloutKind::Recommendations => "Recommendations",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Numbered "Table 1" when it has a caption.
    pub number: Option<u32>,
    pub caption: Option<Vec<Inline>>,
    pub align: Vec<Align>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Relative column widths (sum to 1), so both formats split the page alike.
    pub widths: Vec<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    /// A link to an address outside the document.
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A link to a part or sub-section of this document, with its resolved text
    /// ("Chapter B", "section B.2", "Annex 1" when the writer gave none).
    Ref {
        anchor: String,
        content: Vec<Inline>,
    },
    Footnote {
        content: Vec<Inline>,
    },
    LineBreak,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The plain text of some inlines, footnotes left out (for alt texts, bookmarks and checks).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Ref { content, .. } => push_plain(content, out),
            Inline::Footnote { .. } => {}
            Inline::LineBreak => out.push(' '),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Png,
    Jpeg,
    Svg,
}

impl ImageFormat {
    /// The format of some bytes, from their signature (never from a file name).
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
            head.contains("<svg").then_some(ImageFormat::Svg)
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Svg => "svg",
        }
    }
}

/// A picture of the report: an uploaded image, or a chart drawn from the project data (SVG).
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub name: String,
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A publication frozen as JSON before briefs existed reads back as the report it was.
    #[test]
    fn a_meta_without_a_layout_is_a_report() {
        let json = r#"{"title":"T","forum":"F","version_label":"V","date":"D","date_iso":"2026-01-01",
            "comment_note":null,"author":"A","lang":"en","contents_title":"Contents"}"#;
        let meta: Meta = serde_json::from_str(json).unwrap();
        assert_eq!(meta.layout, Layout::Report);
        assert!(meta.addressee.is_empty());
        let brief = Meta { layout: Layout::Brief, addressee: vec!["Ms A".into()], ..meta };
        let json = serde_json::to_string(&brief).unwrap();
        assert!(json.contains(r#""layout":"brief","addressee":["Ms A"]"#), "{json}");
    }
}
