//! Fuzzing the way text reaches Typst: whatever a user types prints as itself. Random strings
//! made of Typst's and Markdown's markup characters are laid out, and the text of the laid-out
//! pages (Typst's own frames, and the PDF read back by pdftotext) must contain them unchanged.
#![allow(clippy::unwrap_used)]

use bpf_report::model::{Block, Document, Inline, Part};
use bpf_report::pdf::Typesetter;
use proptest::prelude::*;
use typst::layout::{Frame, FrameItem};

fn frame_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => frame_text(&group.frame, out),
            FrameItem::Text(text) => out.push_str(&text.text),
            _ => {}
        }
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}' && *c != '-' && *c != '\u{2060}').collect()
}

fn document(text: &str, footnote: &str, heading: &str) -> Document {
    let (meta, _, _) = bpf_report::sample::long_report(0);
    let mut meta = meta;
    meta.title = format!("Title {heading}");
    Document {
        meta,
        front: Vec::new(),
        chapters: vec![Part {
            number: Some("A".into()),
            title: heading.into(),
            anchor: "a".into(),
            blocks: vec![
                Block::Paragraph {
                    content: vec![
                        Inline::text(text),
                        Inline::Footnote { content: vec![Inline::text(footnote)] },
                    ],
                },
                Block::Paragraph {
                    content: vec![
                        Inline::Strong { content: vec![Inline::text(text)] },
                        Inline::Code { text: text.into() },
                    ],
                },
            ],
        }],
        annexes: Vec::new(),
        images: Vec::new(),
    }
}

/// Typst markup, math, code, labels, references, comments, escapes; Markdown's too.
const ALPHABET: &str = "#$*<>@_`\\[]{}()=-+/~^&%\"';:,.!?|abcXYZ019 éü—";

fn markup_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ALPHABET.chars().collect::<Vec<_>>()), 1..40)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_prints_as_itself(text in markup_text(), footnote in markup_text(), heading in markup_text()) {
        let heading = format!("H{heading}");
        let doc = document(&text, &footnote, &heading);
        let pages = Typesetter::new().layout(&doc).unwrap();
        let mut all = String::new();
        for page in pages.pages() {
            frame_text(&page.frame, &mut all);
        }
        let all = squash(&all);
        for wanted in [&text, &footnote, &heading] {
            prop_assert!(all.contains(&squash(wanted)), "“{}” was not printed as typed; the pages say: {}", wanted, all);
        }
    }
}

#[test]
fn markup_characters_survive_into_the_pdf() {
    let nasty =
        "#set text(red) $x^2$ *bold* <label> @ref // comment /* block */ \\ #{1+1} [content] = heading";
    let doc = document(nasty, "#footnote[@x] $y$", "#heading <h> @h");
    let bytes = Typesetter::new().pdf(&doc).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nasty.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    let text = squash(&String::from_utf8_lossy(&out.stdout));
    for wanted in [nasty, "#footnote[@x] $y$", "#heading <h> @h"] {
        assert!(text.contains(&squash(wanted)), "“{wanted}” missing from {text}");
    }
}

/// In a section's Markdown, characters that are not Markdown markup stay as typed.
#[test]
fn markdown_keeps_typst_markup_characters() {
    let md = "Costs rose 50% (#budget) for $5 < 10 @ 3 = done; see #issue-12 and a@b.org/x?y=1.\n";
    let blocks = bpf_report::markdown::parse(md, &|_| false).unwrap();
    let Block::Paragraph { content } = &blocks[0] else { panic!("{blocks:?}") };
    assert_eq!(bpf_report::model::plain_text(content), md.trim_end());
}

/// Characters no bundled font has are refused with the section and the characters named,
/// not with the layout engine's words about glyphs.
#[test]
fn characters_without_a_font_are_named_with_their_section() {
    let doc = document("Participants: 王小明 and Ana 🙂", "Fine.", "Heading");
    let err = Typesetter::new().pdf(&doc).unwrap_err().to_string();
    assert!(err.starts_with("section “Heading” uses characters the report’s fonts cannot show"), "{err}");
    assert!(err.contains("“王” (U+738B)") && err.contains("U+1F642"), "{err}");
    // Greek, Cyrillic and accented Latin are covered.
    let doc = document("Αθήνα, Київ, São Paulo, Łódź, Hà Nội", "Fine.", "Heading");
    Typesetter::new().pdf(&doc).unwrap();
}

/// Lines a writer might type, in any order: the Markdown reader never panics, and what it
/// accepts assembles into a document.
fn markdown_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("::: observations".to_owned()),
        Just("::: recommendations Our advice".to_owned()),
        Just(":::".to_owned()),
        Just("::: unknown".to_owned()),
        Just("| a | b |".to_owned()),
        Just("|---|:-:|".to_owned()),
        Just("| 1 | 2 | 3 |".to_owned()),
        Just("```".to_owned()),
        Just("- item".to_owned()),
        Just("1. item".to_owned()),
        Just("> quote".to_owned()),
        Just("# Heading {#h}".to_owned()),
        Just("Text[^n] and [ref](#h) and [](#nowhere).".to_owned()),
        Just("[^n]: A note with <https://example.org>.".to_owned()),
        Just("![Caption](pic.png)".to_owned()),
        Just("<!--bpf-open:7-->".to_owned()),
        Just("<div>html</div>".to_owned()),
        Just(String::new()),
        markup_text(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_markdown_reader_never_panics(lines in proptest::collection::vec(markdown_line(), 0..24)) {
        let text = lines.join("\n");
        let exists = |name: &str| name == "pic.png";
        if let Ok(blocks) = bpf_report::markdown::parse(&text, &exists) {
            let source = bpf_report::SourcePart {
                kind: bpf_report::PartKind::Chapter,
                title: "Fuzz".into(),
                anchor: "fuzz".into(),
                markdown: text.clone(),
                generated: Vec::new(),
            };
            let (meta, _, _) = bpf_report::sample::long_report(0);
            let image = bpf_report::sample::chart_image();
            let image = bpf_report::Image { name: "pic.png".into(), ..image };
            // Unknown cross-references are refused by the assembly, with a line.
            match bpf_report::assemble(meta, vec![source], vec![image]) {
                Ok(doc) => prop_assert_eq!(doc.chapters.len(), 1),
                Err(e) => prop_assert!(e.to_string().contains("line"), "{}", e),
            }
            let _ = blocks;
        }
    }
}
