//! Reading a list of people from a spreadsheet saved as CSV: the columns are found by their
//! header ("Name" or "First name" + "Last name", "E-mail", "Organisation", "Country",
//! "Stakeholder group", "Role", "Notes", in the spellings people use), the separator is a comma,
//! a semicolon or a tab, the encoding UTF-8, UTF-16 or Windows-1252. Rows that cannot be read
//! are skipped with a warning naming their line; a file without a name column is refused.

use crate::{ImportError, decode};

/// One person as the file gives them; nothing is checked against the register yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonRow {
    /// The line of the file (1-based), for messages.
    pub line: u64,
    pub name: String,
    pub emails: Vec<String>,
    pub organisation: String,
    pub country: String,
    pub group: String,
    pub role: String,
    pub notes: String,
}

/// The rows read, and what was skipped or looked odd.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleFile {
    pub rows: Vec<PersonRow>,
    pub warnings: Vec<String>,
    /// The header of each recognised field, e.g. `("email", "E-mail address")`.
    pub columns: Vec<(&'static str, String)>,
}

const FIELDS: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "name",
            "full name",
            "fullname",
            "participant",
            "participant name",
            "person",
            "contact name",
            "display name",
        ],
    ),
    ("first", &["first name", "firstname", "given name", "forename", "first"]),
    ("last", &["last name", "lastname", "surname", "family name", "last"]),
    (
        "email",
        &[
            "email",
            "e mail",
            "email address",
            "e mail address",
            "emails",
            "e mails",
            "mail",
            "email addresses",
        ],
    ),
    (
        "organisation",
        &[
            "organisation",
            "organization",
            "org",
            "affiliation",
            "company",
            "institution",
            "employer",
            "entity",
        ],
    ),
    ("country", &["country", "country region", "country of residence", "nationality", "location"]),
    ("group", &["stakeholder group", "stakeholder", "sector", "group", "stakeholder type", "constituency"]),
    ("role", &["role", "role in the bpf", "bpf role", "function"]),
    ("notes", &["notes", "note", "comment", "comments", "remarks"]),
];

/// A header as compared: lower case, letters and digits only ("E-mail address" → "emailaddress").
fn header_key(h: &str) -> String {
    h.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The separator of the header line: the most frequent of comma, semicolon and tab.
fn separator(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut best = (0, b',');
    for sep in [b',', b';', b'\t'] {
        let n = line.bytes().filter(|b| *b == sep).count();
        if n > best.0 {
            best = (n, sep);
        }
    }
    best.1
}

/// Reads people from CSV bytes.
pub fn read_people(bytes: &[u8]) -> Result<PeopleFile, ImportError> {
    // The CSV reader counts CRLF line ends twice in its positions; messages need true lines.
    let text = decode(bytes).replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(ImportError::Empty),
            Some(Err(e)) => return Err(ImportError::Csv(e.to_string())),
            Some(Ok(r)) if r.iter().all(|f| f.trim().is_empty()) => continue,
            Some(Ok(r)) => break r.iter().map(|f| f.trim().to_string()).collect::<Vec<_>>(),
        }
    };
    let mut at: Vec<(&'static str, usize)> = Vec::new();
    for (field, names) in FIELDS {
        if let Some(i) = header.iter().position(|h| names.iter().any(|n| header_key(n) == header_key(h)))
            && !at.iter().any(|(_, j)| *j == i)
        {
            at.push((field, i));
        }
    }
    let col = |f: &str| at.iter().find(|(x, _)| *x == f).map(|(_, i)| *i);
    let has_name = col("name").is_some() || (col("first").is_some() && col("last").is_some());
    if !has_name {
        return Err(ImportError::Csv(format!(
            "no column for the name: the header has {}; call one column \"Name\" (or two \"First name\" and \"Last name\")",
            header.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
        )));
    }
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                warnings.push(format!("line {line}: skipped, it cannot be read as CSV ({e})"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get =
            |f: &str| col(f).and_then(|i| record.get(i)).map(|v| v.trim().to_string()).unwrap_or_default();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let name = match col("name") {
            Some(_) if !get("name").is_empty() => get("name"),
            _ => format!("{} {}", get("first"), get("last")).trim().to_string(),
        };
        let emails: Vec<String> = get("email")
            .split([',', ';', ' ', '\n', '/'])
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(String::from)
            .collect();
        if name.is_empty() {
            warnings.push(format!("line {line}: skipped, it has no name"));
            continue;
        }
        rows.push(PersonRow {
            line,
            name,
            emails,
            organisation: get("organisation"),
            country: get("country"),
            group: get("group"),
            role: get("role"),
            notes: get("notes"),
        });
    }
    let columns = at.iter().map(|(f, i)| (*f, header[*i].clone())).collect();
    Ok(PeopleFile { rows, warnings, columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_with_bom_semicolons_and_two_name_columns() {
        let csv = "\u{feff}First name;Last name;E-mail address;Organization;Country;Stakeholder Group\r\n\
                   Ana;Souza;ana@nic.br, ana.souza@example.org;NIC.br;Brazil;Technical community\r\n\
                   ;;;;;\r\n\
                   Kwame;Mensah;kwame@example.gh;;Ghana;Government\r\n";
        let f = read_people(csv.as_bytes()).unwrap();
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].name, "Ana Souza");
        assert_eq!(f.rows[0].emails, ["ana@nic.br", "ana.souza@example.org"]);
        assert_eq!(f.rows[0].organisation, "NIC.br");
        assert_eq!(f.rows[1].line, 4);
        assert_eq!(f.rows[1].group, "Government");
        assert!(f.warnings.is_empty());
    }

    #[test]
    fn windows_1252_is_read() {
        let mut bytes = b"Name,Country\n".to_vec();
        bytes.extend_from_slice(b"Jos\xe9 \xc1lvarez,C\xf4te d'Ivoire\n");
        let f = read_people(&bytes).unwrap();
        assert_eq!(f.rows[0].name, "José Álvarez");
        assert_eq!(f.rows[0].country, "Côte d'Ivoire");
    }

    #[test]
    fn a_file_without_a_name_column_is_refused_naming_its_columns() {
        let e = read_people(b"Email,Country\na@b.org,Kenya\n").unwrap_err();
        assert!(
            e.to_string().contains("no column for the name: the header has \"Email\", \"Country\""),
            "{e}"
        );
        assert_eq!(read_people(b"").unwrap_err(), ImportError::Empty);
        assert_eq!(read_people(b"\n \n").unwrap_err(), ImportError::Empty);
    }

    #[test]
    fn rows_without_a_name_are_skipped_with_their_line() {
        let f = read_people(b"Name,Email\nAna,ana@nic.br\n,lost@example.org\n").unwrap();
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.warnings, ["line 3: skipped, it has no name"]);
    }
}
