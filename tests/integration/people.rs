//! The register of people through the CLI: CSV imports (BOM, semicolons, Windows-1252, missing
//! columns, duplicates), merge and undo, suggestions from meetings and the list, and the balance
//! on a hand-computed register.

use crate::meetings::{ZOOM_REPORT, add, setup};
use crate::util::{TestDir, sqlite3_out};

/// A coordinator's spreadsheet: UTF-8 with BOM, semicolons, CRLF, group names as people write
/// them, an unknown country, a row without a name, Olga twice (the second row adds her
/// organisation), Kwame twice (nothing new), and Ana twice under two addresses.
const PEOPLE: &str = "\u{feff}First name;Last name;E-mail;Organisation;Country;Stakeholder group;Role\r\n\
    Ana;Souza;ana@nic.br;;Brazil;Technical community;\r\n\
    Kwame;Mensah;kwame@mincom.gov.gh;Ministry of Communications;Ghana;Government;Speaker\r\n\
    Li;Wei;li.wei@example.cn;Tsinghua University;China;Academia;\r\n\
    Olga;Petrova;olga@example.ru;;Russian Federation;Civil society;\r\n\
    José;Álvarez;jose@example.mx;Universidad Nacional;Mexico;Academic;\r\n\
    Marie;Dupont;marie@example.fr;Orange;France;Business;\r\n\
    Sam;Taylor;sam@example.org;ITU;Switzerland;IGO;Expert\r\n\
    Priya;Nair;priya@example.in;Internet Society India;India;civil society organisation;\r\n\
    Tomasz;Nowak;tomasz@example.pl;NASK;Poland;Technical;\r\n\
    Aroha;Smith;aroha@example.nz;;Atlantis;Government;\r\n\
    ;;nobody@example.org;;;;\r\n\
    Ana;Souza;ana.souza@example.org;NIC.br;;;\r\n\
    Olga;Petrova;OLGA@example.ru;Roskomsvoboda;;;\r\n\
    Kwame;Mensah;kwame@mincom.gov.gh;;;;\r\n";

fn write(dir: &TestDir, name: &str, bytes: &[u8]) -> String {
    let p = dir.path(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn person<'a>(list: &'a serde_json::Value, name: &str) -> Vec<&'a serde_json::Value> {
    list["people"].as_array().unwrap().iter().filter(|p| p["name"] == name).collect()
}

bpftest!(a_spreadsheet_is_imported_once_and_merges_are_undone, |dir| {
    dir.new_2026("a.bpfdesk");
    let csv = write(dir, "people.csv", PEOPLE.as_bytes());
    let r = dir.ok(&["people", "import", "a.bpfdesk", &csv]);
    assert_eq!(r.stdout.trim(), "13 rows: 11 people added, 1 updated, 1 already in the register");
    assert!(
        r.stderr.contains("line 11: \"Atlantis\" is not a country BPF Desk knows; left out"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("line 12: skipped, it has no name"), "{}", r.stderr);
    let list = dir.json(&["people", "list", "a.bpfdesk", "--json"]);
    assert_eq!(list["people"].as_array().unwrap().len(), 11);
    let olga = person(&list, "Olga Petrova")[0];
    assert_eq!(olga["organisation"], "Roskomsvoboda", "the second row filled the empty organisation");
    assert_eq!(olga["region"], "eastern_european");
    let jose = person(&list, "José Álvarez")[0];
    assert_eq!((jose["country"].as_str(), jose["group"].as_str()), (Some("MX"), Some("academia")));
    assert_eq!(person(&list, "Kwame Mensah")[0]["role"], "speaker");

    // The same file again changes nothing.
    let again = dir.ok(&["people", "import", "a.bpfdesk", &csv]);
    assert_eq!(again.stdout.trim(), "13 rows: 0 people added, 0 updated, 13 already in the register");

    // Ana is in twice (two addresses, nothing in common but the name): offered as a duplicate.
    let anas = person(&list, "Ana Souza");
    assert_eq!(anas.len(), 2);
    let dupes = list["duplicates"].as_array().unwrap();
    assert_eq!(dupes.len(), 1, "{dupes:?}");
    let (keep, other) = (dupes[0]["keep"].as_i64().unwrap(), dupes[0]["other"].as_i64().unwrap());
    let kept = anas.iter().find(|p| p["id"] == keep).unwrap();
    assert_eq!(kept["emails"], serde_json::json!(["ana@nic.br"]), "the entry with more filled in is kept");

    let r = dir.ok(&["people", "merge", "a.bpfdesk", &keep.to_string(), &other.to_string()]);
    assert_eq!(r.stdout.trim(), "merged: Ana Souza (ana@nic.br, ana.souza@example.org)");
    let merged = dir.json(&["people", "list", "a.bpfdesk", "--json"]);
    let ana = person(&merged, "Ana Souza");
    assert_eq!(ana.len(), 1);
    assert_eq!(ana[0]["organisation"], "NIC.br", "the empty organisation took the other entry's");
    assert_eq!(ana[0]["country"], "BR");
    assert!(merged["duplicates"].as_array().unwrap().is_empty());
    let merge_id = merged["merges"][0]["id"].as_i64().unwrap();
    assert_eq!(merged["merges"][0]["filled"], serde_json::json!(["organisation"]));
    // The other address now finds Ana: a row with it updates her instead of adding someone.
    let extra =
        write(dir, "extra.csv", b"Name,Email,Notes\nAna Souza,ana.souza@example.org,Met at IGF 2025\n");
    assert_eq!(
        dir.ok(&["people", "import", "a.bpfdesk", &extra]).stdout.trim(),
        "1 rows: 0 people added, 1 updated, 0 already in the register"
    );
    let msg = dir.fails(&["people", "merge", "a.bpfdesk", &keep.to_string(), &other.to_string()]);
    assert_eq!(msg, "bpf-desk: these are already one entry of the register");

    dir.ok(&["people", "unmerge", "a.bpfdesk", &merge_id.to_string()]);
    let undone = dir.json(&["people", "list", "a.bpfdesk", "--json"]);
    let anas = person(&undone, "Ana Souza");
    assert_eq!(anas.len(), 2, "two entries again");
    let kept = anas.iter().find(|p| p["id"] == keep).unwrap();
    assert_eq!(kept["organisation"], "", "the filled field is emptied again");
    assert_eq!(kept["emails"], serde_json::json!(["ana@nic.br"]));
    assert_eq!(kept["notes"], "Met at IGF 2025", "an edit made after the merge stays");
    let db = dir.path("a.bpfdesk");
    assert_eq!(sqlite3_out(&db, "SELECT count(*) FROM person_merge WHERE undone_utc IS NOT NULL"), "1");
    let msg = dir.fails(&["people", "unmerge", "a.bpfdesk", &merge_id.to_string()]);
    assert_eq!(msg, format!("bpf-desk: there is no merge to undo with id {merge_id} in this project"));
});

bpftest!(broken_people_files_are_refused_or_read_with_warnings, |dir| {
    dir.new_2026("a.bpfdesk");
    let before = sqlite3_out(&dir.path("a.bpfdesk"), "SELECT count(*) FROM person");
    let empty = write(dir, "empty.csv", b"");
    assert!(
        dir.fails(&["people", "import", "a.bpfdesk", &empty])
            .ends_with("the people file cannot be imported: the file is empty")
    );
    let no_name = write(dir, "no-name.csv", b"Email;Country\na@example.org;Kenya\n");
    let msg = dir.fails(&["people", "import", "a.bpfdesk", &no_name]);
    assert!(msg.contains("no column for the name: the header has \"Email\", \"Country\""), "{msg}");
    let big = dir.path("big.csv");
    std::fs::write(&big, vec![b'x'; 11 * 1024 * 1024]).unwrap();
    let msg = dir.fails(&["people", "import", "a.bpfdesk", &big.display().to_string()]);
    assert!(msg.ends_with("the file is 11 MB: a people file is at most 10 MB"), "{msg}");
    assert_eq!(sqlite3_out(&dir.path("a.bpfdesk"), "SELECT count(*) FROM person"), before);

    // Windows-1252 (Excel on Western Windows), commas, two addresses in one cell, one bad.
    let mut cp1252 = b"Name,E-mail addresses,Country,Sector\n".to_vec();
    cp1252.extend_from_slice(b"Jos\xe9 \xc1lvarez,\"jose@example.mx; not an address\",M\xe9xico,Academia\n");
    cp1252.extend_from_slice(b"Fran\xe7oise Ndiaye,francoise@example.sn,C\xf4te d'Ivoire,Gouvernement\n");
    let f = write(dir, "cp1252.csv", &cp1252);
    let r = dir.ok(&["people", "import", "a.bpfdesk", &f]);
    assert_eq!(r.stdout.trim(), "2 rows: 2 people added, 0 updated, 0 already in the register");
    assert!(r.stderr.contains("line 2: \"not\" is not an e-mail address; left out"), "{}", r.stderr);
    assert!(r.stderr.contains("line 3: \"Gouvernement\" is not a stakeholder group"), "{}", r.stderr);
    let list = dir.json(&["people", "list", "a.bpfdesk", "--json"]);
    let f = person(&list, "Françoise Ndiaye")[0];
    assert_eq!((f["country"].as_str(), f["region"].as_str()), (Some("CI"), Some("african")));
    assert_eq!(person(&list, "José Álvarez")[0]["country_name"], "Mexico");

    // Refused by hand: an address already in the register, an unknown country.
    let msg = dir.fails(&["people", "add", "a.bpfdesk", "J. Alvarez", "--email", "JOSE@example.mx"]);
    assert_eq!(
        msg,
        "bpf-desk: jose@example.mx already belongs to José Álvarez in the register: edit that entry, or merge the two"
    );
    let msg = dir.fails(&["people", "add", "a.bpfdesk", "Nemo", "--country", "Atlantis"]);
    assert!(msg.starts_with("bpf-desk: \"Atlantis\" is not a country BPF Desk knows"), "{msg}");
});

const MBOX: &str = "From ana@nic.br Tue Mar 10 10:00:00 2026\n\
From: Ana Souza <ANA@nic.br>\nTo: bpf@example.org\nSubject: Draft outline\nDate: Tue, 10 Mar 2026 10:00:00 +0000\nMessage-ID: <a1@nic.br>\n\nHello all.\n\n\
From lena@example.de Wed Mar 11 10:00:00 2026\n\
From: Lena Vogel <lena@example.de>\nTo: bpf@example.org\nSubject: Re: Draft outline\nDate: Wed, 11 Mar 2026 10:00:00 +0000\nMessage-ID: <l1@example.de>\nIn-Reply-To: <a1@nic.br>\n\nAgreed.\n\n\
From lena@example.de Thu Apr 02 10:00:00 2026\n\
From: Lena Vogel <lena@example.de>\nTo: bpf@example.org\nSubject: Case study\nDate: Thu, 02 Apr 2026 10:00:00 +0000\nMessage-ID: <l2@example.de>\n\nAttached.\n";

bpftest!(suggestions_and_balance_come_from_meetings_the_list_and_the_register, |dir| {
    setup(dir);
    dir.ok(&add("OVM 1", "2026-03-04T14:00", "Europe/Zurich", &[]));
    std::fs::write(dir.path("zoom.csv"), ZOOM_REPORT).unwrap();
    dir.ok(&["meeting", "attendance", "a.bpfdesk", "1", "zoom.csv"]);
    let mbox = write(dir, "list.mbox", MBOX.as_bytes());
    dir.ok(&["mail", "import", "a.bpfdesk", &mbox, "--today", "2026-11-24"]);
    let csv = write(dir, "people.csv", PEOPLE.as_bytes());
    dir.ok(&["people", "import", "a.bpfdesk", &csv]);

    let s = dir.json(&["people", "suggestions", "a.bpfdesk", "--json"]);
    let names: Vec<(&str, u64, u64)> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (x["name"].as_str().unwrap(), x["meetings"].as_u64().unwrap(), x["messages"].as_u64().unwrap())
        })
        .collect();
    // Ana posted but is in the register; the three attendees and Lena are not.
    assert_eq!(names, [("Lena Vogel", 0, 2), ("Ana Ruiz", 1, 0), ("Ben Wallis", 1, 0), ("Guest 7", 1, 0)]);

    // The register as imported (11 entries, hand-counted from PEOPLE):
    // groups: government 2 (Kwame, Aroha), private 1 (Marie), civil society 2 (Olga, Priya),
    // technical 2 (Ana, Tomasz), academia 2 (Li, José), IGO 1 (Sam), not known 1 (second Ana);
    // regions: Africa 1, Asia-Pacific 2 (Li, Priya), Eastern Europe 2 (Olga, Tomasz),
    // GRULAC 2 (Ana, José), WEOG 2 (Marie, Sam), not known 2 (Aroha, second Ana).
    let b = dir.json(&["people", "balance", "a.bpfdesk", "--json"]);
    let register = &b["tables"][0];
    assert_eq!(register["total"], 11);
    assert_eq!(register["by_group"], serde_json::json!([2, 1, 2, 2, 2, 1, 1]));
    assert_eq!(register["by_region"], serde_json::json!([1, 2, 2, 2, 2, 2]));
    assert_eq!(register["cells"][3][3], 1, "technical community × Latin America and Caribbean: Ana");
    assert_eq!(register["flags"], serde_json::json!([]), "every share is at least 10%, 2 of 11 unknown");
    // Attendance: three people, none in the register. Posters: Ana (technical, GRULAC), Lena.
    let attendance = &b["tables"][1];
    assert_eq!(attendance["total"], 3);
    assert_eq!(attendance["by_group"][6], 3);
    assert_eq!(
        attendance["flags"][0]["text"],
        "3 of 3 meeting attendees (100%) have no stakeholder group recorded: complete them to make these figures reliable."
    );
    let posters = &b["tables"][2];
    assert_eq!(posters["total"], 2);
    assert_eq!(posters["cells"][3][3], 1);
    let months: Vec<&str> =
        b["months"].as_array().unwrap().iter().map(|m| m["month"].as_str().unwrap()).collect();
    assert_eq!(months, ["2026-03", "2026-04"]);
    assert_eq!(b["months"][0]["attendance_by_group"][6], 3);
    assert_eq!(b["months"][0]["posters_by_group"], serde_json::json!([0, 0, 0, 1, 0, 0, 1]));

    // Ben joins the register: the attendance counts him as government, WEOG.
    dir.ok(&[
        "people",
        "add",
        "a.bpfdesk",
        "Ben Wallis",
        "--email",
        "ben@example.org",
        "--country",
        "UK",
        "--group",
        "government",
    ]);
    let b = dir.json(&["people", "balance", "a.bpfdesk", "--json"]);
    assert_eq!(b["tables"][1]["cells"][0][4], 1);

    // Stricter thresholds raise flags, in plain language.
    let b = dir.json(&["people", "balance", "a.bpfdesk", "--json", "--thresholds", "15", "15", "10"]);
    let flags: Vec<&str> =
        b["tables"][0]["flags"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(
        flags,
        [
            "Private sector: 1 of 11 people in the register (9%), below the 15% you set.",
            "Intergovernmental organisation: 1 of 11 people in the register (9%), below the 15% you set.",
            "African States: 1 of 10 people in the register (10%), below the 15% you set.",
            "2 of 12 people in the register (17%) have no country recorded: complete them to make these figures reliable.",
        ]
    );
    assert_eq!(b["thresholds"]["min_group_percent"], 15);
    let msg = dir.fails(&["people", "balance", "a.bpfdesk", "--thresholds", "101", "10", "10"]);
    assert_eq!(
        msg,
        "bpf-desk: the minimum share of a stakeholder group is 101%: give a percentage from 0 to 100"
    );
});
