//! The output report through the CLI: the demo BPF's report exported as PDF and DOCX and read
//! back by real readers (qpdf, poppler, LibreOffice headless), publication freezing a version,
//! Markdown mistakes named by section and line, and exports that never touch the project.

use std::path::Path;
use std::process::Command;

use crate::util::{Run, TestDir, bytes};

fn tool(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn pdf_text(pdf: &Path) -> String {
    tool(Command::new("pdftotext").arg(pdf).arg("-"))
}

/// The PDF's text as one line of words, joined again where the layout hyphenated them: for
/// assertions that read sentences, wherever the lines broke.
pub(crate) fn pdf_sentences(pdf: &Path) -> String {
    let text = pdf_text(pdf).replace("\u{ad}\n", "").replace("\u{ad} ", "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words of a text, lower-cased, without punctuation or the soft hyphens of line breaks.
fn words(text: &str) -> Vec<String> {
    text.replace("\u{ad}\n", "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// The DOCX converted by LibreOffice headless (its own profile folder, so runs don't clash).
pub(crate) fn docx_to_pdf(dir: &TestDir, docx: &Path) -> std::path::PathBuf {
    let profile = dir.path("lo-profile");
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path("lo"))
        .arg(docx)
        .output()
        .expect("LibreOffice (soffice) is installed by scripts/setup.sh");
    assert!(out.status.success(), "LibreOffice: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.path("lo").join(docx.file_stem().unwrap()).with_extension("pdf");
    assert!(pdf.exists(), "LibreOffice wrote no PDF: {}", String::from_utf8_lossy(&out.stdout));
    pdf
}

/// `bpf-desk report export demo.bpfdesk ARGS`, expected to succeed.
fn export(dir: &TestDir, args: &[&str]) -> Run {
    dir.ok(&[&["report", "export", "demo.bpfdesk"], args].concat())
}

fn unzip(docx: &Path, member: &str) -> String {
    tool(Command::new("unzip").arg("-p").arg(docx).arg(member))
}

bpftest!(demo_report_as_pdf_and_docx_read_back, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let before = bytes(&dir.path("demo.bpfdesk"));
    let r = export(dir, &["--format", "pdf", "--out", "demo.pdf", "--today", "2020-09-21"]);
    assert!(r.stdout.contains("from the current text (not published yet)"), "{}", r.stdout);
    export(dir, &["--format", "docx", "--out", "demo.docx", "--today", "2020-09-21"]);
    assert_eq!(bytes(&dir.path("demo.bpfdesk")), before, "an export changed the project file");

    let pdf = dir.path("demo.pdf");
    let check = Command::new("qpdf").arg("--check").arg(&pdf).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let info = tool(Command::new("pdfinfo").arg(&pdf));
    assert!(
        info.contains("Tagged:          yes")
            && info.contains("Title:           Best Practice Forum on Cybersecurity"),
        "{info}"
    );
    let fonts = tool(Command::new("pdffonts").arg(&pdf));
    assert!(fonts.lines().skip(2).all(|l| l.split_whitespace().rev().nth(4) == Some("yes")), "{fonts}");

    let text = pdf_text(&pdf);
    for wanted in [
        "Draft for public comment",
        "21 September 2020",
        // The comment deadline of the work plan's public-comment period, with the contact.
        "Comments are welcome until",
        "Contents",
        "A. Definition of the issues and overview of policy challenges",
        "Coordinating team",
        "Ben Wallis (MAG), MAG facilitator",
        "Observations",
        "Table 1: Agreements examined by the BPF in 2020",
        "Annex 2. Work plan",
    ] {
        assert!(text.contains(wanted), "“{wanted}” missing from the PDF:\n{text}");
    }

    let docx = dir.path("demo.docx");
    for (member, wanted) in [
        ("word/styles.xml", "w:styleId=\"Heading1\""),
        ("word/styles.xml", "w:styleId=\"Title\""),
        ("word/footnotes.xml", "undocs.org/A/70/174"),
        ("word/document.xml", "TOC \\o"),
    ] {
        assert!(unzip(&docx, member).contains(wanted), "{member} lacks {wanted}");
    }
    let converted = pdf_text(&docx_to_pdf(dir, &docx));
    assert!(
        !converted.contains("TOC \\o") && !converted.contains("PAGEREF"),
        "field code on the page:\n{converted}"
    );
    // The same words, in the same order, as the PDF's: compared as sequences of words over
    // the body, where running headers and page numbers differ.
    let (a, b) = (words(&text), words(&converted));
    let set_b: std::collections::HashSet<&String> = b.iter().collect();
    let missing: Vec<&String> = a.iter().filter(|w| !set_b.contains(w)).collect();
    assert!(
        missing.len() * 100 <= a.len(),
        "{} of {} PDF words are not in the DOCX: {missing:?}",
        missing.len(),
        a.len()
    );
    let set_a: std::collections::HashSet<&String> = a.iter().collect();
    let extra: Vec<&String> = b.iter().filter(|w| !set_a.contains(w)).collect();
    assert!(
        extra.len() * 100 <= b.len(),
        "{} of {} DOCX words are not in the PDF: {extra:?}",
        extra.len(),
        b.len()
    );
});

bpftest!(mistakes_are_named_by_section_and_line_and_nothing_is_written, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    std::fs::write(dir.path("issues.md"), "First paragraph.\n\n![A map](missing-map.png)\n").unwrap();
    let r = dir.run(&["report", "write", "demo.bpfdesk", "issues", "issues.md"]);
    assert!(
        r.stderr.contains("section “Definition of the issues and overview of policy challenges”, line 3"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("missing-map.png"), "{}", r.stderr);
    let before = bytes(&dir.path("demo.bpfdesk"));
    let err = dir.fails(&["report", "export", "demo.bpfdesk", "--format", "pdf", "--out", "out.pdf"]);
    assert!(err.contains("line 3") && err.contains("missing-map.png"), "{err}");
    assert!(!dir.path("out.pdf").exists(), "a failed export left a file");
    assert_eq!(bytes(&dir.path("demo.bpfdesk")), before);

    std::fs::write(dir.path("table.md"), "Text.\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n").unwrap();
    dir.run(&["report", "write", "demo.bpfdesk", "issues", "table.md"]);
    let err = dir.fails(&["report", "export", "demo.bpfdesk", "--format", "docx", "--out", "out.docx"]);
    assert!(err.contains("line 5") && err.contains("3 cells but the header row has 2"), "{err}");

    // An image added to the report fixes it.
    let png = include_bytes!("../../icons/32x32.png");
    std::fs::write(dir.path("missing-map.png"), png).unwrap();
    dir.run(&["report", "write", "demo.bpfdesk", "issues", "issues.md"]);
    dir.ok(&["report", "image", "demo.bpfdesk", "missing-map.png"]);
    export(dir, &["--format", "pdf", "--out", "out.pdf"]);
    assert!(pdf_text(&dir.path("out.pdf")).contains("Figure 1: A map"));
    std::fs::write(dir.path("empty.png"), b"").unwrap();
    assert!(dir.fails(&["report", "image", "demo.bpfdesk", "empty.png"]).contains("empty"));
    std::fs::write(dir.path("fake.png"), b"GIF89a not a png").unwrap();
    assert!(dir.fails(&["report", "image", "demo.bpfdesk", "fake.png"]).contains("not a PNG, JPEG or SVG"));
    // A decompression bomb: a real PNG header claiming 100,000 × 100,000 pixels in a few bytes.
    let mut bomb = png.to_vec();
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    std::fs::write(dir.path("bomb.png"), bomb).unwrap();
    let before = crate::util::bytes(&dir.path("demo.bpfdesk"));
    let msg = dir.fails(&["report", "image", "demo.bpfdesk", "bomb.png"]);
    assert!(
        msg.ends_with(
            "“bomb.png” could not be read: the picture is 100000 × 100000 pixels, more than the 60 million a report picture may have: scale it down"
        ),
        "{msg}"
    );
    assert_eq!(crate::util::bytes(&dir.path("demo.bpfdesk")), before);
});

bpftest!(a_published_draft_stays_as_published_after_edits, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let err = dir.fails(&["report", "publish", "demo.bpfdesk", "--version", "draft", "--on", "2020-09-21"]);
    assert!(err.contains("needs a comment deadline"), "{err}");
    let err = dir.fails(&[
        "report",
        "publish",
        "demo.bpfdesk",
        "--version",
        "draft",
        "--on",
        "2020-09-21",
        "--deadline",
        "2020-09-01",
    ]);
    assert!(err.contains("must come after the publication day"), "{err}");
    dir.ok(&[
        "report",
        "publish",
        "demo.bpfdesk",
        "--version",
        "draft",
        "--on",
        "2020-09-21",
        "--deadline",
        "2020-11-01",
    ]);

    std::fs::write(dir.path("insights.md"), "A sentence written after the draft was published.\n").unwrap();
    dir.ok(&["report", "write", "demo.bpfdesk", "insights", "insights.md"]);
    let r = export(dir, &["--format", "pdf", "--version", "draft", "--out", "draft.pdf"]);
    assert!(r.stdout.contains("as published on 2020-09-21"), "{}", r.stdout);
    let draft = pdf_text(&dir.path("draft.pdf"));
    assert!(draft.contains("Comments are welcome until 1 November 2020"), "{draft}");
    assert!(!draft.contains("written after the draft"), "the published draft changed");
    export(dir, &["--format", "pdf", "--version", "final", "--out", "final.pdf"]);
    let fin = pdf_text(&dir.path("final.pdf"));
    assert!(fin.contains("Final output") && fin.contains("written after the draft was published"), "{fin}");
    assert!(!fin.contains("Comments are welcome"), "{fin}");
    // Leaving out a section another refers to keeps the report whole: the reference prints
    // the section's title as text.
    std::fs::write(dir.path("cases.md"), "Cases.\n").unwrap();
    dir.ok(&["report", "write", "demo.bpfdesk", "case-studies", "cases.md", "--exclude"]);
    export(dir, &["--format", "pdf", "--version", "final", "--out", "final2.pdf"]);
    let fin2 = pdf_text(&dir.path("final2.pdf")).replace('\n', " ");
    assert!(fin2.contains("listed in “Case studies and best practices”"), "{fin2}");
    assert!(!fin2.contains("C. Case studies"), "{fin2}");
    let sections = dir.ok(&["report", "sections", "demo.bpfdesk"]).stdout;
    assert!(
        sections.contains("published: Draft for public comment on 2020-09-21, comments until 2020-11-01"),
        "{sections}"
    );
});
