//! Dissemination and outreach through the CLI: institutions, the cover letter with its fields,
//! letters per institution read back by poppler and LibreOffice, `.eml` drafts with the final
//! report attached read back by a mail parser, the sending log, the press release naming the
//! institutions, and the organisations invited counted in the balance.

use mail_parser::{MessageParser, MimeHeaders};

use crate::report::{docx_to_pdf, pdf_sentences};
use crate::util::TestDir;

fn setup(dir: &TestDir) {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let add = |args: &[&str]| dir.ok(&[&["institution", "add", "demo.bpfdesk"][..], args].concat());
    add(&[
        "OECD Directorate for Science, Technology and Innovation",
        "--contact",
        "Ms Audrey Plonk",
        "--email",
        "DSTI.Contact@oecd.org",
        "--address",
        "2 rue André Pascal|75775 Paris Cedex 16|France",
        "--why",
        "The OECD's digital security work can use the BPF's findings on norms assessment.",
        "--group",
        "intergovernmental",
        "--country",
        "France",
    ]);
    add(&["Global Forum on Cyber Expertise", "--email", "contact@thegfce.org", "--country", "Netherlands"]);
    add(&["Council of Europe"]);
}

bpftest!(letters_drafts_log_and_press_release, |dir| {
    setup(dir);
    let msg = dir.fails(&["institution", "add", "demo.bpfdesk", "ITU", "--email", "itu at itu.int"]);
    assert_eq!(msg, "bpf-desk: \"itu at itu.int\" is not an e-mail address");
    std::fs::write(dir.path("bad.md"), "Dear {{name}},\n").unwrap();
    let msg = dir.fails(&["institution", "letter", "demo.bpfdesk", "--template", "bad.md"]);
    assert!(
        msg.starts_with("bpf-desk: the letter uses {{name}}, which is not a field: use {{contact}}"),
        "{msg}"
    );
    dir.ok(&["institution", "letter", "demo.bpfdesk", "--signatory", "Ben Wallis, MAG facilitator"]);

    // Before the final output is published: letters, and no e-mail drafts (said so).
    let r = dir.ok(&["letters", "demo.bpfdesk", "--out", "letters", "--today", "2020-11-25"]);
    assert!(r.stderr.contains("no e-mail drafts: the final output is not published yet"), "{}", r.stderr);
    assert!(r.stdout.contains("3 letters (PDF and DOCX) and 0 e-mail drafts written"), "{}", r.stdout);

    dir.ok(&["report", "publish", "demo.bpfdesk", "--version", "final", "--on", "2020-11-20"]);
    let r = dir.json(&["letters", "demo.bpfdesk", "--out", "letters", "--today", "2020-11-25", "--json"]);
    assert_eq!((r["letters"].as_u64(), r["drafts"].as_u64()), (Some(3), Some(2)));
    assert_eq!(
        r["warnings"],
        serde_json::json!(["Council of Europe: no e-mail address, so no e-mail draft"])
    );
    let files: Vec<&str> = r["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "council-of-europe-letter.pdf",
            "council-of-europe-letter.docx",
            "global-forum-on-cyber-expertise-letter.pdf",
            "global-forum-on-cyber-expertise-letter.docx",
            "global-forum-on-cyber-expertise-letter.eml",
            "oecd-directorate-for-science-technology-and-innovation-letter.pdf",
            "oecd-directorate-for-science-technology-and-innovation-letter.docx",
            "oecd-directorate-for-science-technology-and-innovation-letter.eml",
        ]
    );

    let oecd = "letters/oecd-directorate-for-science-technology-and-innovation-letter";
    let text = pdf_sentences(&dir.path(&format!("{oecd}.pdf")));
    assert!(
        text.contains("Ms Audrey Plonk OECD Directorate for Science, Technology and Innovation 2 rue André Pascal 75775 Paris Cedex 16 France The final output of the IGF 2020 Best Practice Forum on Cybersecurity 25 November 2020"),
        "{text}"
    );
    assert!(text.contains("Dear Ms Audrey Plonk, On behalf of the Internet Governance Forum's Best Practice Forum on Cybersecurity") || text.contains("Dear Ms Audrey Plonk, On behalf of the Internet Governance Forum’s Best Practice Forum on Cybersecurity"), "{text}");
    assert!(
        text.contains("The OECD's digital security work can use the BPF's findings")
            || text.contains("The OECD’s digital security work can use the BPF’s findings"),
        "{text}"
    );
    assert!(text.contains("Yours sincerely, Ben Wallis, MAG facilitator"), "{text}");
    let council = pdf_sentences(&dir.path("letters/council-of-europe-letter.pdf"));
    assert!(council.contains("Dear Sir or Madam,"), "{council}");
    let from_docx = pdf_sentences(&docx_to_pdf(dir, &dir.path(&format!("{oecd}.docx"))));
    assert!(
        from_docx.contains("Dear Ms Audrey Plonk,") && from_docx.contains("Yours sincerely,"),
        "{from_docx}"
    );

    let eml = std::fs::read(dir.path(&format!("{oecd}.eml"))).unwrap();
    let m = MessageParser::default().parse(&eml).expect("a message");
    assert_eq!(m.subject(), Some("The final output of the IGF 2020 Best Practice Forum on Cybersecurity"));
    let to = m.to().and_then(|a| a.first()).unwrap();
    assert_eq!((to.name(), to.address()), (Some("Ms Audrey Plonk"), Some("dsti.contact@oecd.org")));
    assert_eq!(m.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert!(m.body_text(0).unwrap().starts_with("Dear Ms Audrey Plonk,"));
    let attachment = m.attachment(0).expect("the report attached");
    assert_eq!(
        attachment.attachment_name(),
        Some("best-practice-forum-on-cybersecurity-2020-final-output.pdf")
    );
    assert!(attachment.contents().starts_with(b"%PDF-"));

    // The log, and the press release naming the institutions the output was sent to.
    let msg = dir.fails(&["sent", "demo.bpfdesk", "1", "--on", "2020-12-01", "--today", "2020-11-25"]);
    assert_eq!(msg, "bpf-desk: 2020-12-01 is after today (2020-11-25): log a sending once it is done");
    dir.ok(&["sent", "demo.bpfdesk", "3", "--on", "2020-11-24", "--today", "2020-11-25"]);
    dir.ok(&[
        "sent",
        "demo.bpfdesk",
        "1",
        "--on",
        "2020-11-25",
        "--channel",
        "post",
        "--today",
        "2020-11-25",
    ]);
    let list = dir.json(&["institution", "list", "demo.bpfdesk", "--json"]);
    assert_eq!(list[2]["sent_on"], "2020-11-25", "OECD, sorted last by name");
    assert_eq!(list[1]["sent_on"], serde_json::Value::Null, "nothing sent to the GFCE");
    dir.ok(&["press-release", "demo.bpfdesk", "--out", "press.md"]);
    let press = std::fs::read_to_string(dir.path("press.md")).unwrap();
    assert!(press.contains("published its final output report on 20 November 2020."), "{press}");
    assert!(
        press.contains("sent to 2 institutions and decision-making bodies that can put its findings to use: Council of Europe and OECD Directorate for Science, Technology and Innovation."),
        "{press}"
    );
    dir.ok(&["press-release", "demo.bpfdesk", "--out", "press.pdf", "--today", "2020-11-25"]);
    assert!(pdf_sentences(&dir.path("press.pdf")).contains("Press release Draft · 25 November 2020"));
});

bpftest!(organisations_invited_count_in_the_balance, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let invite = |org: &str, extra: &[&str]| {
        let base =
            ["outreach", "add", "demo.bpfdesk", org, "--invited-on", "2020-04-02", "--today", "2020-05-01"];
        dir.ok(&[&base[..], extra].concat());
    };
    invite(
        "FIRST",
        &["--group", "technical", "--country", "US", "--answer", "committed", "--invited-by", "Ben Wallis"],
    );
    invite("Kenya ICT Authority", &["--group", "government", "--country", "Kenya", "--answer", "declined"]);
    invite("Access Now", &["--group", "civil society"]);
    let msg = dir.fails(&[
        "outreach",
        "add",
        "demo.bpfdesk",
        "X",
        "--invited-on",
        "2020-06-01",
        "--today",
        "2020-05-01",
    ]);
    assert!(msg.contains("after today (2020-05-01)"), "{msg}");
    let list = dir.json(&["outreach", "list", "demo.bpfdesk", "--json"]);
    assert_eq!(list[0]["answer"], "committed");
    let b = dir.json(&["people", "balance", "demo.bpfdesk", "--json"]);
    let t = &b["tables"][4];
    assert_eq!(t["label"], "Organisations invited (outreach)");
    assert_eq!(t["total"], 3);
    assert_eq!(t["by_group"], serde_json::json!([1, 0, 1, 1, 0, 0, 0]));
    assert_eq!(t["by_region"], serde_json::json!([1, 0, 0, 0, 1, 1]));
});
