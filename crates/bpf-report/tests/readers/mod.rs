//! The real readers the tests read the PDF and DOCX files back with: qpdf, poppler's pdfinfo,
//! pdffonts and pdftotext, unzip, and LibreOffice headless. Shared by the test files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs a reader: whether it succeeded, and what it wrote (stdout then stderr).
pub fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{cmd:?}: {e} (poppler-utils, qpdf and LibreOffice are installed by scripts/setup.sh)")
    });
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

pub fn page_count(pdf: &Path) -> usize {
    let (_, info) = run(Command::new("pdfinfo").arg(pdf));
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

pub fn page_text(pdf: &Path, page: usize) -> String {
    let (ok, text) = run(Command::new("pdftotext")
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-"));
    assert!(ok, "{text}");
    text
}

/// The text of every page, first page first.
pub fn pages(pdf: &Path) -> Vec<String> {
    (1..=page_count(pdf)).map(|p| page_text(pdf, p)).collect()
}

/// Lines joined, hyphenation undone, spaces collapsed: text comparable with the model's.
pub fn normalise(text: &str) -> String {
    // Addresses break after a slash without a hyphen.
    let text = text.replace("\u{ad}\n", "").replace("-\n", "-").replace("/\n", "/").replace('\u{2060}', "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of some text, lower case, hyphenation undone; footnote numbers stand glued to the
/// words beside them, so only letters count, and words of one or two letters are left out.
pub fn words(text: &str) -> Vec<String> {
    text.replace("\u{ad}\n", "")
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// What a PDF/UA file must pass whatever its content: qpdf finds no error, pdfinfo says it is
/// tagged, every font is embedded, it names the PDF/UA part and has an outline (bookmarks).
/// Returns pdfinfo's report.
pub fn assert_valid_tagged_pdf(pdf: &Path) -> String {
    let (ok, out) = run(Command::new("qpdf").arg("--check").arg(pdf));
    assert!(ok && out.contains("No syntax or stream encoding errors"), "{out}");
    let (_, info) = run(Command::new("pdfinfo").arg(pdf));
    assert!(info.contains("Tagged:          yes"), "{info}");
    let (_, fonts) = run(Command::new("pdffonts").arg(pdf));
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {row}");
    }
    // PDF/UA identification and the language travel in the XMP metadata and catalog.
    let bytes = std::fs::read(pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("pdfuaid:part"), "no PDF/UA identification");
    // Bookmarks: pdfinfo -struct is not in every poppler; the outline dictionary is.
    assert!(raw.contains("/Outlines"), "no document outline (bookmarks)");
    info
}

/// A DOCX converted to PDF by LibreOffice headless (with a profile of its own, in `dir`).
pub fn libreoffice_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let out = dir.join("lo");
    let (ok, said) = run(Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(docx));
    assert!(ok, "LibreOffice: {said}");
    let pdf = out.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.exists(), "LibreOffice wrote no PDF: {said}");
    pdf
}

/// A part of a DOCX package, as bytes.
pub fn part_bytes(docx: &Path, name: &str) -> Vec<u8> {
    // unzip reads a name as a pattern: `[` and `]` are escaped.
    let pattern = name.replace('[', "\\[").replace(']', "\\]");
    let out = Command::new("unzip").arg("-p").arg(docx).arg(pattern).output().expect("unzip runs");
    assert!(out.status.success(), "unzip -p {name}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

pub fn part_text(docx: &Path, name: &str) -> String {
    String::from_utf8(part_bytes(docx, name)).expect("the part is UTF-8")
}
