//! Public comments through the CLI: a review platform's CSV (US dates, sections by number and
//! title, a duplicate, a broken row), the list's messages of the comment period (quotes and the
//! team's own messages left out), dispositions, the final output held back until every comment
//! is resolved (or overridden), and the comment-resolution table read back as CSV.

use crate::report::{docx_to_pdf, pdf_sentences};
use crate::util::{TestDir, sqlite3_out};

/// A Google Forms export: US dates, the section by number, by title, unknown, or none.
const FORM: &str = "Timestamp,Your name,Email address,Organisation,Which section?,Your comment\r\n\
    9/28/2020 14:03:21,Ana Souza,ana@nic.br,NIC.br,B,\"Please cite the 2019 survey, too.\"\r\n\
    10/2/2020 09:00:00,Kwame Mensah,kwame@mincom.gov.gh,Ministry,Case studies and best practices,Add Ghana's CERT as a case.\r\n\
    10/13/2020 16:45:00,,,,Chapter Z,The conclusions are too cautious.\r\n\
    10/14/2020 08:00:00,Li Wei,,Tsinghua University,,\r\n\
    10/15/2020 10:30:00,Marie Dupont,marie@example.fr,Orange,Annex 1,The meeting times should show CET.\r\n\
    9/28/2020 14:03:21,Ana Souza,ana@nic.br,NIC.br,B,\"Please cite the 2019 survey, too.\"\r\n";

const MBOX: &str = "From kwame@mincom.gov.gh Mon Sep 21 10:00:00 2020\n\
From: Kwame Mensah <kwame@mincom.gov.gh>\nSubject: Early thoughts\nDate: Mon, 14 Sep 2020 10:00:00 +0000\nMessage-ID: <early@x>\n\nBefore the draft.\n\n\
From olga@example.ru Tue Sep 29 10:00:00 2020\n\
From: Olga Petrova <olga@example.ru>\nSubject: Comments on section C\nDate: Tue, 29 Sep 2020 10:00:00 +0000\nMessage-ID: <olga1@x>\n\n\
The case studies lack Eastern Europe.\n\nOn Mon, 21 Sep 2020, Wim wrote:\n> The draft is open for comments.\n\n-- \nOlga Petrova, Roskomsvoboda\n\n\
From wim@intgovforum.org Wed Sep 30 10:00:00 2020\n\
From: Wim Degezelle <wim@intgovforum.org>\nSubject: Re: Comments on section C\nDate: Wed, 30 Sep 2020 10:00:00 +0000\nMessage-ID: <wim1@x>\n\nThanks Olga, noted.\n\n\
From priya@example.in Thu Oct 01 10:00:00 2020\n\
From: Priya Nair <priya@example.in>\nSubject: The draft\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\nDate: Thu, 01 Oct 2020 10:00:00 +0000\nMessage-ID: <priya1@x>\n\n\
A clear draft =E2=80=93 thank you.\n\n\
From late@example.org Fri Oct 30 10:00:00 2020\n\
From: Late <late@example.org>\nSubject: After the deadline\nDate: Fri, 30 Oct 2020 10:00:00 +0000\nMessage-ID: <late@x>\n\nToo late.\n";

fn setup(dir: &TestDir) {
    dir.ok(&["demo", "demo.bpfdesk"]);
    dir.ok(&[
        "report",
        "publish",
        "demo.bpfdesk",
        "--version",
        "draft",
        "--on",
        "2020-09-21",
        "--deadline",
        "2020-10-19",
    ]);
    std::fs::write(dir.path("form.csv"), FORM).unwrap();
    std::fs::write(dir.path("list.mbox"), MBOX).unwrap();
}

bpftest!(comments_are_imported_resolved_and_hold_back_the_final_output, |dir| {
    setup(dir);
    let r = dir.ok(&["comments", "import", "demo.bpfdesk", "form.csv", "--today", "2020-11-01"]);
    assert_eq!(
        r.stdout.trim(),
        "5 comments read: 4 added (1 about the report as a whole), 1 already recorded"
    );
    assert!(r.stderr.contains("line 4: the report has no section \"Chapter Z\""), "{}", r.stderr);
    assert!(r.stderr.contains("line 5: skipped, it has no comment"), "{}", r.stderr);
    let again = dir.ok(&["comments", "import", "demo.bpfdesk", "form.csv", "--today", "2020-11-01"]);
    assert_eq!(
        again.stdout.trim(),
        "5 comments read: 0 added (0 about the report as a whole), 5 already recorded"
    );

    // Wim is in the coordinating team: his reply is not a public comment.
    sqlite3_out(
        &dir.path("demo.bpfdesk"),
        "UPDATE team_member SET email = 'wim@intgovforum.org' WHERE name = 'Wim Degezelle'",
    );
    let r = dir.ok(&["comments", "import-mail", "demo.bpfdesk", "list.mbox", "--today", "2020-11-01"]);
    assert_eq!(
        r.stdout.trim(),
        "3 comments read: 2 added (1 about the report as a whole), 0 already recorded"
    );

    let view = dir.json(&["comments", "list", "demo.bpfdesk", "--json"]);
    let comments = view["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 6);
    assert_eq!(view["unresolved"], 6);
    assert_eq!(view["period"], serde_json::json!(["2020-09-21", "2020-10-19"]));
    let section_of =
        |author: &str| comments.iter().find(|c| c["author"] == author).unwrap()["section_id"].clone();
    assert_eq!(section_of("Ana Souza"), 3, "B: methodology");
    assert_eq!(section_of("Kwame Mensah"), 4, "by title: case studies");
    assert_eq!(section_of("Marie Dupont"), 12, "Annex 1: meetings");
    assert_eq!(section_of("Olga Petrova"), 4, "section C, from the subject");
    assert_eq!(section_of("Anonymous"), serde_json::Value::Null);
    let ana = comments.iter().find(|c| c["author"] == "Ana Souza").unwrap();
    assert_eq!(ana["received_on"], "2020-09-28");
    let olga = comments.iter().find(|c| c["author"] == "Olga Petrova").unwrap();
    assert_eq!(
        olga["text"], "Comments on section C\n\nThe case studies lack Eastern Europe.",
        "quote and signature left out"
    );
    let priya = comments.iter().find(|c| c["author"] == "Priya Nair").unwrap();
    assert_eq!(priya["text"], "The draft\n\nA clear draft – thank you.", "quoted-printable decoded");

    let msg = dir.fails(&["report", "publish", "demo.bpfdesk", "--version", "final", "--on", "2020-11-20"]);
    assert!(msg.starts_with("bpf-desk: 6 public comments on the draft are not resolved yet"), "{msg}");
    let msg = dir.fails(&[
        "comments",
        "resolve",
        "demo.bpfdesk",
        &ana["id"].to_string(),
        "--disposition",
        "partly",
    ]);
    assert_eq!(msg, "bpf-desk: a comment marked \"partly accepted\" needs a response that says why");
    let ids: Vec<String> = comments.iter().map(|c| c["id"].to_string()).collect();
    dir.ok(&[
        "comments",
        "resolve",
        "demo.bpfdesk",
        &ids[0],
        "--disposition",
        "partly",
        "--response",
        "The 2019 survey is cited in B.1; its method differs.",
    ]);
    for id in &ids[1..5] {
        dir.ok(&["comments", "resolve", "demo.bpfdesk", id, "--disposition", "accepted"]);
    }
    let msg = dir.fails(&["report", "publish", "demo.bpfdesk", "--version", "final", "--on", "2020-11-20"]);
    assert!(msg.starts_with("bpf-desk: 1 public comment on the draft is not resolved yet"), "{msg}");
    dir.ok(&[
        "report",
        "publish",
        "demo.bpfdesk",
        "--version",
        "final",
        "--on",
        "2020-11-20",
        "--override-unresolved",
    ]);
    let db = dir.path("demo.bpfdesk");
    assert_eq!(
        sqlite3_out(&db, "SELECT unresolved_comments FROM report_publication WHERE version = 'final'"),
        "1"
    );

    // The comment-resolution table, read back by a CSV reader.
    dir.ok(&["comments", "table", "demo.bpfdesk", "--out", "resolution.csv"]);
    let bytes = std::fs::read(dir.path("resolution.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM for spreadsheets");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "No.",
            "Received",
            "Author",
            "Organisation",
            "E-mail",
            "Section",
            "Comment",
            "Disposition",
            "Response"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(&rows[0][5], "B. Methodology and BPF activities");
    assert_eq!(&rows[0][6], "Please cite the 2019 survey, too.");
    assert_eq!(&rows[0][7], "Partly accepted");
    assert_eq!(&rows[5][7], "Open");

    // The same table in the report's house style: a PDF, and a DOCX that LibreOffice opens.
    dir.ok(&["comments", "table", "demo.bpfdesk", "--out", "resolution.pdf", "--today", "2020-11-21"]);
    dir.ok(&["comments", "table", "demo.bpfdesk", "--out", "resolution.docx", "--today", "2020-11-21"]);
    let from_docx = docx_to_pdf(dir, &dir.path("resolution.docx"));
    for pdf in [dir.path("resolution.pdf"), from_docx] {
        let text = pdf_sentences(&pdf);
        assert!(text.contains("Comment-resolution table"), "{text}");
        assert!(
            text.contains("6 public comments were received on the draft published on 21 September 2020, open for comment until 19 October 2020. Dispositions: accepted 4, partly accepted 1. 1 still open."),
            "{text}"
        );
        assert!(text.contains("The 2019 survey is cited in B.1; its method differs."), "{text}");
        assert!(text.contains("Annex 1. BPF meetings"), "{text}");
    }
    let msg = dir.fails(&["comments", "table", "demo.bpfdesk", "--out", "resolution.txt"]);
    assert!(msg.ends_with("resolution.txt: write the table as .csv, .docx or .pdf"), "{msg}");
});

bpftest!(comments_need_a_draft_and_a_readable_file, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    std::fs::write(dir.path("list.mbox"), MBOX).unwrap();
    let msg = dir.fails(&["comments", "import-mail", "demo.bpfdesk", "list.mbox"]);
    assert_eq!(
        msg,
        "bpf-desk: no draft has been published for public comment: publish the draft with its comment deadline first"
    );
    std::fs::write(dir.path("names.csv"), "Name,Email\nA,a@b.org\n").unwrap();
    let msg = dir.fails(&["comments", "import", "demo.bpfdesk", "names.csv"]);
    assert!(msg.contains("no column for the comment: the header has \"Name\", \"Email\""), "{msg}");
    std::fs::write(dir.path("empty.csv"), "").unwrap();
    assert!(
        dir.fails(&["comments", "import", "demo.bpfdesk", "empty.csv"])
            .ends_with("the comments file cannot be imported: the file is empty")
    );
    assert_eq!(sqlite3_out(&dir.path("demo.bpfdesk"), "SELECT count(*) FROM public_comment"), "0");
});
