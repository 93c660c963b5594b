//! Calls for contributions and contributions through the CLI: refused input, files kept in the
//! project and written back, the report's annex and acknowledgements crediting only those who
//! gave permission, and the contributions in the balance.

use crate::util::{TestDir, sqlite3_out};

fn pdf_text(dir: &TestDir, pdf: &str) -> String {
    crate::report::pdf_sentences(&dir.path(pdf))
}

bpftest!(contributions_are_recorded_kept_and_credited_in_the_report, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let call = [
        "call",
        "add",
        "demo.bpfdesk",
        "--title",
        "Call for case studies",
        "--opens",
        "2020-07-01",
        "--closes",
    ];
    let msg = dir.fails(&[&call[..], &["2020-06-30"]].concat());
    assert_eq!(msg, "bpf-desk: \"Call for case studies\" ends (2020-06-30) before it starts (2020-07-01)");
    let r = dir.ok(&[&call[..], &["2020-08-15", "--channels", "mailing list, IGF website"]].concat());
    assert_eq!(r.stdout.trim(), "added call 1");

    std::fs::write(dir.path("people.csv"), "Name,Email,Organisation,Country,Stakeholder group\nAna Souza,ana@nic.br,NIC.br,Brazil,Technical community\n").unwrap();
    dir.ok(&["people", "import", "demo.bpfdesk", "people.csv"]);
    let pdf_bytes = b"%PDF-1.4 a case study as received\n".repeat(100);
    std::fs::write(dir.path("case-study.pdf"), &pdf_bytes).unwrap();
    let add = |args: &[&str]| -> String {
        let base = ["contribution", "add", "demo.bpfdesk", "--today", "2020-09-01"];
        dir.ok(&[&base[..], args].concat()).stdout.trim().to_string()
    };
    std::fs::write(
        dir.path("ana.md"),
        "Brazil's **CGI.br** assessed the norms in 2019.[^1]\n\n[^1]: See the CGI.br report.\n",
    )
    .unwrap();
    let out = add(&[
        "--text",
        "ana.md",
        "--title",
        "Norms in practice in Brazil",
        "--contributor",
        "Ana Souza",
        "--person",
        "1",
        "--call",
        "1",
        "--received",
        "2020-08-10",
        "--publish",
        "--attach",
        "case-study.pdf",
    ]);
    assert_eq!(out, "added contribution 1: Norms in practice in Brazil (case-study.pdf)");
    let out = add(&[
        "--title",
        "Confidential assessment",
        "--contributor",
        "Ministry of Truth",
        "--call",
        "1",
        "--received",
        "2020-08-12",
        "--group",
        "government",
        "--country",
        "Ghana",
    ]);
    assert_eq!(out, "added contribution 2: Confidential assessment");
    let out = add(&[
        "--title",
        "Late thoughts",
        "--contributor",
        "Digital Rights Collective",
        "--organisation",
        "Digital Rights Collective",
        "--country",
        "Kenya",
        "--group",
        "NGO",
        "--publish",
    ]);
    assert_eq!(out, "added contribution 3: Late thoughts");
    let msg = dir.fails(&[
        "contribution",
        "add",
        "demo.bpfdesk",
        "--today",
        "2020-09-01",
        "--title",
        "From the future",
        "--contributor",
        "X",
        "--received",
        "2020-09-02",
    ]);
    assert!(msg.contains("after today (2020-09-01)"), "{msg}");

    let list = dir.json(&["contribution", "list", "demo.bpfdesk", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    // Linked to the register: organisation, country and group come from Ana's entry.
    assert_eq!(list[0]["organisation"], "NIC.br");
    assert_eq!(
        (list[0]["country"].as_str(), list[0]["group"].as_str()),
        (Some("BR"), Some("technical_community"))
    );
    assert_eq!(list[0]["file_bytes"], pdf_bytes.len());
    dir.ok(&["contribution", "file", "demo.bpfdesk", "1", "--out", "back.pdf"]);
    assert_eq!(
        std::fs::read(dir.path("back.pdf")).unwrap(),
        pdf_bytes,
        "the kept file is returned unchanged"
    );
    let msg = dir.fails(&["contribution", "file", "demo.bpfdesk", "2", "--out", "none.pdf"]);
    assert_eq!(msg, "bpf-desk: this contribution has no file kept with it");
    std::fs::write(dir.path("huge.bin"), vec![0u8; 26 * 1024 * 1024]).unwrap();
    let msg = dir.fails(&[
        "contribution",
        "add",
        "demo.bpfdesk",
        "--today",
        "2020-09-01",
        "--title",
        "Huge",
        "--contributor",
        "Y",
        "--attach",
        "huge.bin",
    ]);
    assert_eq!(
        msg,
        "bpf-desk: contribution 4 recorded, but its file was not kept: huge.bin is 26 MB: a contribution's file is at most 25 MB"
    );
    assert_eq!(sqlite3_out(&dir.path("demo.bpfdesk"), "SELECT count(*) FROM contribution_file"), "1");

    // Published on its own with its credit line; one without permission is refused.
    dir.ok(&["contribution", "export", "demo.bpfdesk", "1", "--format", "pdf", "--out", "ana.pdf"]);
    let text = pdf_text(dir, "ana.pdf");
    assert!(text.starts_with("INTERNET GOVERNANCE FORUM 2020 · BEST PRACTICE FORUM ON CYBERSECURITY Norms in practice in Brazil Contribution · 10 August 2020 Contribution by Ana Souza, NIC.br (Technical community, Brazil) to the IGF 2020 Best Practice Forum on Cybersecurity, received on 10 August 2020."), "{text}");
    assert!(
        text.contains("Brazil’s CGI.br assessed the norms in 2019.")
            || text.contains("Brazil's CGI.br assessed the norms in 2019."),
        "{text}"
    );
    dir.ok(&["contribution", "export", "demo.bpfdesk", "1", "--format", "docx", "--out", "ana.docx"]);
    let msg =
        dir.fails(&["contribution", "export", "demo.bpfdesk", "2", "--format", "pdf", "--out", "no.pdf"]);
    assert_eq!(
        msg,
        "bpf-desk: “Confidential assessment” may not be published: its contributor did not give permission"
    );
    let msg =
        dir.fails(&["contribution", "export", "demo.bpfdesk", "3", "--format", "pdf", "--out", "no.pdf"]);
    assert_eq!(
        msg,
        "bpf-desk: “Late thoughts” has no text in the project: paste the contribution's text first"
    );
    assert!(!dir.path("no.pdf").exists());

    let calls = dir.json(&["call", "list", "demo.bpfdesk", "--json"]);
    assert_eq!(calls[0]["received"], 2);

    // The report: the annex lists the call and credits only those who gave permission.
    dir.ok(&[
        "report",
        "export",
        "demo.bpfdesk",
        "--format",
        "pdf",
        "--out",
        "r.pdf",
        "--today",
        "2020-09-21",
    ]);
    let text = pdf_text(dir, "r.pdf");
    let annex = &text[text.rfind("Contributions received").expect("the annex")..];
    assert!(annex.contains("Call for case studies"), "{annex}");
    assert!(annex.contains("Open from 1 July 2020 to 15 August 2020, announced through mailing list, IGF website. 2 contributions were received."), "{annex}");
    assert!(annex.contains("Norms in practice in Brazil"), "{annex}");
    assert!(annex.contains("Ana Souza (NIC.br)"), "{annex}");
    assert!(
        annex.contains("One further contribution was received from a contributor who asked not to be named."),
        "{annex}"
    );
    assert!(annex.contains("Other contributions") && annex.contains("Digital Rights Collective"), "{annex}");
    assert!(
        !text.contains("Ministry of Truth") && !text.contains("Confidential assessment"),
        "an unpublished contribution is named"
    );
    assert!(
        text.contains(
            "The BPF thanks those who sent contributions: Ana Souza (NIC.br), Digital Rights Collective."
        ),
        "acknowledgements"
    );

    // Contributions count in the balance, by their contributor's group and region.
    let b = dir.json(&["people", "balance", "demo.bpfdesk", "--json"]);
    let t = &b["tables"][3];
    assert_eq!(t["label"], "Contributions");
    assert_eq!(t["total"], 4);
    assert_eq!(t["by_group"], serde_json::json!([1, 0, 1, 1, 0, 0, 1]));
    assert_eq!(t["by_region"], serde_json::json!([2, 0, 0, 1, 0, 1]));
});
