//! Any text as the report's sections: the Markdown reader (alone, then up to three sections cut
//! at NUL characters, assembled into one numbered document with a picture to refer to), the
//! editor's HTML preview of every part, the document as the JSON the PDF template reads, and
//! (small inputs) the DOCX writer. A mistake is an error naming a line, never a panic.
#![no_main]

use bpf_report::assemble::{PartKind, SourcePart, assemble_with_absent};
use bpf_report::model::{Image, ImageFormat};
use bpf_report::{html, markdown, sample};
use libfuzzer_sys::fuzz_target;

/// A 1×1 grey PNG: what `![Caption](map.png)` shows.
const PNG: [u8; 67] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00,
    0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81,
    0x77, 0xcd, 0x72, 0xb6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The DOCX writer zips a whole package: only for inputs this small.
const DOCX_MAX: usize = 2048;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let exists = |name: &str| name == "map.png";
    if let Err(e) = markdown::parse(text, &exists) {
        assert!(!e.message.is_empty());
    }
    let kinds = [
        (PartKind::Chapter, "Methodology", "methodology"),
        (PartKind::Annex, "Terms of reference", "terms-of-reference"),
        (PartKind::Front, "Acknowledgements", "acknowledgements"),
    ];
    let sources: Vec<SourcePart> = text
        .splitn(kinds.len(), '\0')
        .zip(kinds)
        .map(|(markdown, (kind, title, anchor))| SourcePart {
            kind,
            title: title.into(),
            anchor: anchor.into(),
            markdown: markdown.into(),
            generated: Vec::new(),
        })
        .collect();
    let images = vec![Image { name: "map.png".into(), format: ImageFormat::Png, bytes: PNG.to_vec() }];
    let absent = [("left-out".to_string(), "A section left out".to_string())];
    let doc = match assemble_with_absent(sample::meta(), sources, images, &absent) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    for part in doc.front.iter().chain(&doc.chapters).chain(&doc.annexes) {
        let _ = html::part_html(part, &doc.images);
    }
    serde_json::to_string(&doc).expect("the document as JSON");
    if text.len() <= DOCX_MAX {
        bpf_report::docx::docx(&doc).expect("a DOCX of an assembled document");
    }
});
