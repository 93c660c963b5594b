//! The report commands through Tauri's real IPC on the mock runtime: the demo's outline, a
//! section saved and previewed (a mistake named with its line), sections added, reordered and
//! deleted, an image added through the scripted-run seam, publications, and the PDF and DOCX
//! exports written through the save-dialog seam.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tauri::test::MockRuntime;
use tauri::{Manager, WebviewWindow};

use super::ReportDesk;
use crate::ipc_tests::{invoke, mock_app};
use crate::mail::MailDesk;

/// A 1×1 PNG.
const PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
    0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f, 0x0f, 0x00, 0x02,
    0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
    0x60, 0x82,
];

struct Harness {
    dir: tempfile::TempDir,
    window: WebviewWindow<MockRuntime>,
    _app: tauri::App<MockRuntime>,
}

/// The app with the demo open; the image dialog takes `my map (2020).png` in the harness's
/// folder, save dialogs write into its `projects/`.
fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, window) = mock_app(dir.path(), MailDesk::new(None, None));
    app.manage(ReportDesk { open_image: Some(dir.path().join("my map (2020).png")) });
    let h = Harness { dir, window, _app: app };
    h.call("open_demo", json!({})).expect("open_demo");
    h
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    fn outline(&self) -> Value {
        self.call("report_outline", json!({})).expect("report_outline")
    }

    /// The id of the section of `kind`.
    fn section(&self, kind: &str) -> i64 {
        let outline = self.outline();
        let found = outline["sections"].as_array().expect("sections").iter().find(|s| s["kind"] == kind);
        found.and_then(|s| s["id"].as_i64()).unwrap_or_else(|| panic!("no {kind} section"))
    }

    fn ids(&self) -> Vec<i64> {
        self.outline()["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .filter_map(|s| s["id"].as_i64())
            .collect()
    }

    fn saved(&self) -> PathBuf {
        self.dir.path().join("projects")
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn without_a_project_the_report_commands_say_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, window) = mock_app(dir.path(), MailDesk::new(None, None));
    app.manage(ReportDesk::default());
    for (cmd, args) in [
        ("report_outline", json!({})),
        ("preview_report_section", json!({"id": 1, "body": "Text"})),
        ("add_report_image", json!({})),
        ("export_report", json!({"version": "draft", "format": "pdf"})),
    ] {
        let err = invoke(&window, cmd, args).expect_err(cmd);
        assert_eq!(err["code"], "NO_PROJECT", "{cmd}: {err}");
    }
}

#[test]
fn the_demo_outline_has_the_template_sections_in_order_with_numbers() {
    let h = harness();
    let o = h.outline();
    let sections = o["sections"].as_array().expect("sections");
    let kinds: Vec<&str> = sections.iter().filter_map(|s| s["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "acknowledgements",
            "issues",
            "methodology",
            "case_studies",
            "regional",
            "policy_measures",
            "what_worked",
            "consequences",
            "unresolved",
            "insights",
            "next_steps",
            "annex_meetings",
            "annex_work_plan",
            "annex_contributions"
        ]
    );
    let first = &sections[0];
    assert_eq!((first["role"].as_str(), &first["number"]), (Some("front"), &Value::Null));
    assert_eq!((sections[1]["role"].as_str(), sections[1]["number"].as_str()), (Some("key"), Some("A")));
    assert_eq!(sections[1]["anchor"], "issues");
    assert!(sections[1]["words"].as_u64().expect("words") > 20, "{}", sections[1]);
    assert!(sections[1]["guidance"].as_str().expect("guidance").starts_with("Key component"));
    assert_eq!(sections[4]["role"], "recommended");
    assert_eq!(sections[11]["role"], "generated");
    assert_eq!(sections[11]["generated"], true);
    assert!(sections[11]["number"].as_str().expect("annex number").starts_with("Annex "));
    assert!(sections.iter().all(|s| s["deletable"] == false));
    assert_eq!(o["images"], json!([]));
    assert_eq!(o["publications"], json!([]));
    // The work plan's draft day and end of the comment period.
    assert!(o["suggested_draft_date"].is_string() && o["suggested_deadline"].is_string(), "{o}");
}

#[test]
fn a_saved_section_comes_back_and_the_preview_shows_the_unsaved_text_or_its_mistake() {
    let h = harness();
    let id = h.section("case_studies");
    let body = "Cases from #3 regions cost $5.\n\n::: observations\nWhat we saw.\n:::\n";
    h.call(
        "save_report_section",
        json!({"id": id, "edit": {"title": "Case studies", "included": true, "body": body}}),
    )
    .expect("save");
    let stored = h.call("report_section", json!({"id": id})).expect("report_section");
    assert_eq!((stored["title"].as_str(), stored["body"].as_str()), (Some("Case studies"), Some(body)));
    let summary =
        h.outline()["sections"].as_array().expect("sections").iter().find(|s| s["id"] == id).cloned();
    assert_eq!(summary.expect("summary")["words"], 10);

    let preview = h
        .call("preview_report_section", json!({"id": id, "body": format!("{body}\nAn unsaved sentence.\n")}))
        .expect("preview");
    assert_eq!(preview["error"], Value::Null);
    let html = preview["html"].as_str().expect("html");
    assert!(
        html.contains("An unsaved sentence.") && html.contains("Cases from #3 regions cost $5."),
        "{html}"
    );
    assert!(html.contains("<h1 id=\"case-studies\">C. Case studies</h1>"), "{html}");
    assert!(html.contains("<aside class=\"callout observations\">"), "{html}");
    let anchors = preview["anchors"].as_array().expect("anchors");
    assert!(
        anchors
            .iter()
            .any(|a| a["anchor"] == "methodology"
                && a["label"] == "Chapter B — Methodology and BPF activities")
    );
    // The stored text did not change.
    assert_eq!(h.call("report_section", json!({"id": id})).expect("section")["body"], body);

    // A picture that is not among the report's images: the mistake names section and line.
    let broken = "First line.\n\n![A map](nowhere.png)\n";
    let preview = h.call("preview_report_section", json!({"id": id, "body": broken})).expect("preview");
    let error = preview["error"].as_str().expect("error");
    assert!(error.starts_with("section “Case studies”, line 3: the image “nowhere.png”"), "{error}");
    assert_eq!(preview["html"], "");

    // An empty title is refused; a section left out says so in the preview and has no number.
    let err = h
        .call(
            "save_report_section",
            json!({"id": id, "edit": {"title": "  ", "included": true, "body": body}}),
        )
        .expect_err("empty title");
    assert_eq!(
        (err["code"].as_str(), err["message"].as_str()),
        (Some("INVALID_INPUT"), Some("a section needs a title"))
    );
    // Leaving out a section another one refers to keeps the report whole: its preview says it
    // is left out, and the reference in Methodology prints the section's title as text.
    h.call(
        "save_report_section",
        json!({"id": id, "edit": {"title": "Case studies", "included": false, "body": body}}),
    )
    .expect("leave out");
    let preview = h.call("preview_report_section", json!({"id": id, "body": body})).expect("preview");
    assert_eq!(preview["error"], Value::Null, "{preview}");
    assert!(preview["html"].as_str().expect("html").contains("class=\"left-out\""), "{preview}");
    let methodology = h.section("methodology");
    let text = h.call("report_section", json!({"id": methodology})).expect("methodology");
    let preview =
        h.call("preview_report_section", json!({"id": methodology, "body": text["body"]})).expect("preview");
    let html = preview["html"].as_str().expect("html");
    assert!(html.contains("listed in “Case studies”"), "{html}");
    assert!(!html.contains("#case-studies"), "{html}");
    // One nobody refers to is shown as left out.
    let id = h.section("regional");
    let regional = h.call("report_section", json!({"id": id})).expect("regional");
    h.call(
        "save_report_section",
        json!({"id": id, "edit": {"title": regional["title"], "included": false, "body": regional["body"]}}),
    )
    .expect("leave out");
    let preview = h
        .call("preview_report_section", json!({"id": h.section("case_studies"), "body": body}))
        .expect("preview");
    assert!(
        preview["html"].as_str().expect("html").contains("class=\"left-out\""),
        "case studies are still left out: {preview}"
    );
    h.call("save_report_section", json!({"id": h.section("case_studies"), "edit": {"title": "Case studies", "included": true, "body": body}}))
        .expect("put back");
    let preview =
        h.call("preview_report_section", json!({"id": id, "body": regional["body"]})).expect("preview");
    assert_eq!(preview["error"], Value::Null);
    assert!(preview["html"].as_str().expect("html").contains("class=\"left-out\""), "{preview}");
    let o = h.outline();
    let s =
        o["sections"].as_array().expect("sections").iter().find(|s| s["id"] == id).cloned().expect("section");
    assert_eq!((s["included"].as_bool(), &s["number"]), (Some(false), &Value::Null));
}

#[test]
fn own_sections_are_added_reordered_within_their_kind_and_deleted() {
    let h = harness();
    let chapter = h
        .call("add_report_section", json!({"kind": "chapter", "title": "Glossary of terms"}))
        .expect("chapter");
    let annex = h.call("add_report_section", json!({"kind": "annex", "title": ""})).expect("annex");
    let (chapter, annex) = (chapter.as_i64().expect("id"), annex.as_i64().expect("id"));
    let o = h.outline();
    let sections = o["sections"].as_array().expect("sections");
    // The chapter goes before the first annex, the annex at the end with its default title.
    assert_eq!(sections[11]["id"], chapter);
    assert_eq!(
        (sections[11]["role"].as_str(), sections[11]["deletable"].as_bool()),
        (Some("custom"), Some(true))
    );
    let last = sections.last().expect("last");
    assert_eq!((last["id"].as_i64(), last["title"].as_str()), (Some(annex), Some("New annex")));

    // An annex before a chapter is refused with the domain's sentence; nothing moves.
    let mut ids = h.ids();
    let before = ids.clone();
    let pos = ids.iter().position(|i| *i == annex).expect("annex");
    ids.swap(pos, 1);
    let err = h.call("order_report_sections", json!({"ids": ids})).expect_err("annex before chapter");
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().expect("message").contains("the annexes after every chapter"), "{err}");
    assert_eq!(h.ids(), before);
    // Chapters among chapters: accepted, and the letters follow the new order.
    let mut ids = before.clone();
    ids.swap(1, 2);
    h.call("order_report_sections", json!({"ids": ids})).expect("reorder");
    assert_eq!(h.ids(), ids);
    let o = h.outline();
    assert_eq!(
        (o["sections"][1]["kind"].as_str(), o["sections"][1]["number"].as_str()),
        (Some("methodology"), Some("A"))
    );
    let err = h.call("order_report_sections", json!({"ids": &ids[1..]})).expect_err("one missing");
    assert!(err["message"].as_str().expect("message").contains("every section"), "{err}");

    // Own sections are deleted; the template's are left out instead.
    h.call("delete_report_section", json!({"id": chapter})).expect("delete chapter");
    let err = h.call("delete_report_section", json!({"id": ids[1]})).expect_err("template section");
    assert!(err["message"].as_str().expect("message").contains("leave it out of the report"), "{err}");
    assert!(!h.ids().contains(&chapter));
    let err =
        h.call("add_report_section", json!({"kind": "issues", "title": "Again"})).expect_err("template kind");
    assert_eq!(err["code"], "INVALID_INPUT");
}

#[test]
fn an_image_is_added_through_the_dialog_seam_shown_in_the_preview_and_deleted() {
    let h = harness();
    std::fs::write(h.dir.path().join("my map (2020).png"), PNG).expect("png");
    let added = h.call("add_report_image", json!({})).expect("add image");
    // Spaces and brackets, which a Markdown image reference cannot hold, become dashes.
    assert_eq!(added, json!({"name": "my-map-2020.png", "replaced": false}));
    let again = h.call("add_report_image", json!({})).expect("again");
    assert_eq!(again["replaced"], true);
    assert_eq!(h.outline()["images"], json!([{"name": "my-map-2020.png", "format": "png", "bytes": 70}]));

    let id = h.section("regional");
    let body = "Before.\n\n![Members by region](my-map-2020.png)\n\nAfter.\n";
    let preview = h.call("preview_report_section", json!({"id": id, "body": body})).expect("preview");
    let html = preview["html"].as_str().expect("html");
    assert!(
        html.contains("<img src=\"data:image/png;base64,") && html.contains("Members by region</figcaption>"),
        "{html}"
    );

    h.call("delete_report_image", json!({"name": "my-map-2020.png"})).expect("delete image");
    assert_eq!(h.outline()["images"], json!([]));
    let err = h.call("delete_report_image", json!({"name": "my-map-2020.png"})).expect_err("gone");
    assert_eq!(err["code"], "INVALID_INPUT");

    // Not a picture: refused with the use case's reason.
    std::fs::write(h.dir.path().join("my map (2020).png"), "not an image").expect("text");
    let err = h.call("add_report_image", json!({})).expect_err("not an image");
    assert!(err["message"].as_str().expect("message").contains("not a PNG, JPEG or SVG image"), "{err}");
}

#[test]
fn a_draft_needs_a_deadline_and_a_publication_is_what_later_exports_give() {
    let h = harness();
    let err = h
        .call(
            "publish_report",
            json!({"version": "draft", "publishedOn": "2020-09-28", "commentDeadline": null}),
        )
        .expect_err("no deadline");
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().expect("message").contains("needs a comment deadline"), "{err}");
    let err = h
        .call(
            "publish_report",
            json!({"version": "draft", "publishedOn": "2020-09-28", "commentDeadline": "2020-09-01"}),
        )
        .expect_err("deadline before");
    assert!(
        err["message"].as_str().expect("message").contains("must come after the publication day"),
        "{err}"
    );
    let err = h
        .call(
            "publish_report",
            json!({"version": "draft", "publishedOn": "28/09/2020", "commentDeadline": "2020-10-20"}),
        )
        .expect_err("bad date");
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(h.outline()["publications"].as_array().expect("publications").is_empty());

    let p = h
        .call(
            "publish_report",
            json!({"version": "draft", "publishedOn": "2020-09-28", "commentDeadline": "2020-10-20"}),
        )
        .expect("publish");
    assert_eq!((p["version"].as_str(), p["published_on"].as_str()), (Some("draft"), Some("2020-09-28")));
    assert_eq!(p["comment_deadline"], "2020-10-20");
    assert_eq!(h.outline()["publications"].as_array().expect("publications").len(), 1);

    // Later text does not change the published draft; the final has no publication yet.
    let id = h.section("issues");
    h.call(
        "save_report_section",
        json!({"id": id, "edit": {"title": "Issues", "included": true, "body": "Changed after."}}),
    )
    .expect("save");
    let draft = h.call("export_report", json!({"version": "draft", "format": "docx"})).expect("export draft");
    assert_eq!(draft["published_on"], "2020-09-28");
    let docx = String::from_utf8_lossy(&read(Path::new(draft["path"].as_str().expect("path")))).into_owned();
    assert!(docx.starts_with("PK"), "not a zip");
    let final_ =
        h.call("export_report", json!({"version": "final", "format": "docx"})).expect("export final");
    assert_eq!(final_["published_on"], Value::Null);
    assert!(final_["path"].as_str().expect("path").ends_with("-final.docx"), "{final_}");
}

#[test]
fn exports_write_a_real_pdf_and_docx_through_the_save_dialog_seam() {
    let h = harness();
    let id = h.section("issues");
    h.call(
        "save_report_section",
        json!({"id": id, "edit": {"title": "Issues", "included": true, "body": "A sentence only the export has, Zebracorn.\n"}}),
    )
    .expect("save");

    let pdf = h.call("export_report", json!({"version": "draft", "format": "pdf"})).expect("export pdf");
    let path = PathBuf::from(pdf["path"].as_str().expect("path"));
    assert_eq!(path, h.saved().join("best-practice-forum-on-cybersecurity-2020-draft.pdf"));
    let bytes = read(&path);
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert_eq!((pdf["format"].as_str(), pdf["version"].as_str()), (Some("pdf"), Some("draft")));
    assert_eq!(pdf["bytes"].as_u64(), Some(bytes.len() as u64));
    assert_eq!(pdf["published_on"], Value::Null);

    let docx = h.call("export_report", json!({"version": "draft", "format": "docx"})).expect("export docx");
    let path = PathBuf::from(docx["path"].as_str().expect("path"));
    assert_eq!(path, h.saved().join("best-practice-forum-on-cybersecurity-2020-draft.docx"));
    let bytes = read(&path);
    assert!(bytes.starts_with(b"PK\x03\x04"), "not a zip");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("word/document.xml"), "no word/document.xml in the package");

    // A Markdown mistake in a stored section stops the export and names section and line.
    h.call(
        "save_report_section",
        json!({"id": id, "edit": {"title": "Issues", "included": true, "body": "One.\n\n::: observations\nNever closed.\n"}}),
    )
    .expect("save broken");
    let err = h.call("export_report", json!({"version": "final", "format": "pdf"})).expect_err("broken");
    let message = err["message"].as_str().expect("message");
    assert!(message.starts_with("section “Issues”, line 3: this ::: block is not closed"), "{message}");
    assert!(!h.saved().join("best-practice-forum-on-cybersecurity-2020-final.pdf").exists());
}
