//! The preview beside the editor: a part of the document as HTML, from the same model the PDF
//! and the DOCX are made from (same numbers, same figures, same callouts).
//!
//! Everything is escaped; nothing can run, load or navigate: links are spans with the address in
//! a tooltip, pictures are `data:` URLs, and no `style` attribute is written (the window's
//! content security policy forbids inline styles), only classes.

use std::fmt::Write;

use base64::Engine;

use crate::model::{Block, CalloutKind, Image, ImageFormat, Inline, Part};

/// Text for HTML or SVG: the characters markup gives a meaning escaped.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One part as HTML: its heading, its blocks, its footnotes at the end.
pub fn part_html(part: &Part, images: &[Image]) -> String {
    let mut w = HtmlWriter { out: String::new(), notes: Vec::new(), images };
    let title = match &part.number {
        Some(n) if n.starts_with("Annex") => format!("{n}. {}", part.title),
        Some(n) => format!("{n}. {}", part.title),
        None => part.title.clone(),
    };
    let _ = write!(w.out, "<h1 id=\"{}\">{}</h1>", esc(&part.anchor), esc(&title));
    w.blocks(&part.blocks);
    if !w.notes.is_empty() {
        w.out.push_str("<ol class=\"footnotes\">");
        for note in std::mem::take(&mut w.notes) {
            let _ = write!(w.out, "<li>{note}</li>");
        }
        w.out.push_str("</ol>");
    }
    w.out
}

struct HtmlWriter<'a> {
    out: String,
    notes: Vec<String>,
    images: &'a [Image],
}

impl HtmlWriter<'_> {
    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, number, anchor, text } => {
                let tag = (*level).clamp(2, 4);
                let number = number
                    .as_ref()
                    .map(|n| format!("<span class=\"num\">{}</span> ", esc(n)))
                    .unwrap_or_default();
                let body = self.inlines(text);
                let _ = write!(
                    self.out,
                    "<h{tag} id=\"{}\">{number}{body}<span class=\"anchor\">#{}</span></h{tag}>",
                    esc(anchor),
                    esc(anchor)
                );
            }
            Block::Paragraph { content } => {
                let body = self.inlines(content);
                let _ = write!(self.out, "<p>{body}</p>");
            }
            Block::List { ordered, start, items } => {
                if *ordered {
                    let _ = write!(self.out, "<ol start=\"{start}\">");
                } else {
                    self.out.push_str("<ul>");
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.blocks(item);
                    self.out.push_str("</li>");
                }
                self.out.push_str(if *ordered { "</ol>" } else { "</ul>" });
            }
            Block::Quote { blocks } => {
                self.out.push_str("<blockquote>");
                self.blocks(blocks);
                self.out.push_str("</blockquote>");
            }
            Block::Code { text } => {
                let _ = write!(self.out, "<pre><code>{}</code></pre>", esc(text));
            }
            Block::Rule => self.out.push_str("<hr>"),
            Block::Figure { number, image, caption, alt } => {
                let caption = self.inlines(caption);
                let src = self.images.iter().find(|i| &i.name == image).map(data_url).unwrap_or_default();
                let _ = write!(
                    self.out,
                    "<figure><img src=\"{}\" alt=\"{}\"><figcaption>Figure {number}: {caption}</figcaption></figure>",
                    esc(&src),
                    esc(alt)
                );
            }
            Block::Callout { kind, title, blocks } => {
                let class = match kind {
                    CalloutKind::Observations => "observations",
                    CalloutKind::Challenges => "challenges",
                    CalloutKind::Recommendations => "recommendations",
                };
                let _ = write!(
                    self.out,
                    "<aside class=\"callout {class}\"><div class=\"callout-title\">{}</div>",
                    esc(title)
                );
                self.blocks(blocks);
                self.out.push_str("</aside>");
            }
            Block::Table(table) => {
                self.out.push_str("<table>");
                if let (Some(n), Some(caption)) = (table.number, &table.caption) {
                    let caption = self.inlines(caption);
                    let _ = write!(self.out, "<caption>Table {n}: {caption}</caption>");
                }
                let class = |i: usize| match table.align.get(i) {
                    Some(crate::model::Align::Right) => " class=\"right\"",
                    Some(crate::model::Align::Center) => " class=\"center\"",
                    _ => "",
                };
                self.out.push_str("<thead><tr>");
                for (i, cell) in table.header.iter().enumerate() {
                    let body = self.inlines(cell);
                    let _ = write!(self.out, "<th{}>{body}</th>", class(i));
                }
                self.out.push_str("</tr></thead><tbody>");
                for row in &table.rows {
                    self.out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let body = self.inlines(cell);
                        let _ = write!(self.out, "<td{}>{body}</td>", class(i));
                    }
                    self.out.push_str("</tr>");
                }
                self.out.push_str("</tbody></table>");
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text { text } => out.push_str(&esc(text)),
                Inline::Emph { content } => {
                    let _ = write!(out, "<em>{}</em>", self.inlines(content));
                }
                Inline::Strong { content } => {
                    let _ = write!(out, "<strong>{}</strong>", self.inlines(content));
                }
                Inline::Strike { content } => {
                    let _ = write!(out, "<del>{}</del>", self.inlines(content));
                }
                Inline::Code { text } => {
                    let _ = write!(out, "<code>{}</code>", esc(text));
                }
                Inline::Link { url, content } => {
                    let _ = write!(
                        out,
                        "<span class=\"md-link\" title=\"{}\">{}</span>",
                        esc(url),
                        self.inlines(content)
                    );
                }
                Inline::Ref { anchor, content } => {
                    let _ = write!(
                        out,
                        "<span class=\"md-ref\" title=\"#{}\">{}</span>",
                        esc(anchor),
                        self.inlines(content)
                    );
                }
                Inline::Footnote { content } => {
                    let note = self.inlines(content);
                    self.notes.push(note);
                    let _ = write!(out, "<sup class=\"fn\">{}</sup>", self.notes.len());
                }
                Inline::LineBreak => out.push_str("<br>"),
            }
        }
        out
    }
}

fn data_url(image: &Image) -> String {
    let mime = match image.format {
        ImageFormat::Png => "image/png",
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Svg => "image/svg+xml",
    };
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(&image.bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_links_cannot_navigate() {
        let part = Part {
            number: Some("B".into()),
            title: "Tom & <Jerry>".into(),
            anchor: "b".into(),
            blocks: vec![Block::Paragraph {
                content: vec![
                    Inline::text("<script>alert(1)</script> "),
                    Inline::Link { url: "https://e.org/\"x".into(), content: vec![Inline::text("site")] },
                    Inline::Footnote { content: vec![Inline::text("A note.")] },
                ],
            }],
        };
        let html = part_html(&part, &[]);
        assert!(html.contains("<h1 id=\"b\">B. Tom &amp; &lt;Jerry&gt;</h1>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<a "), "{html}");
        assert!(html.contains("title=\"https://e.org/&quot;x\""), "{html}");
        assert!(html.contains("<sup class=\"fn\">1</sup>") && html.contains("<li>A note.</li>"), "{html}");
    }
}
