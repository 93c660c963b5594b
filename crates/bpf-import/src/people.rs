//! Reading a list of people from a spreadsheet saved as CSV: the columns are found by their
//! header ("Name" or "First name" + "Last name", "E-mail", "Organisation", "Country",
//! "Stakeholder group", "Role", "Notes", in the spellings people use), the separator is a comma,
//! a semicolon or a tab, the encoding UTF-8, UTF-16 or Windows-1252. Rows that cannot be read
//! are skipped with a warning naming their line; a file without a name column is refused.

use crate::ImportError;
use crate::table::{Field, read_table};

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

const FIELDS: &[Field] = &[
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

/// Reads people from CSV bytes.
pub fn read_people(bytes: &[u8]) -> Result<PeopleFile, ImportError> {
    let table = read_table(bytes, FIELDS)?;
    let has_name =
        table.col("name").is_some() || (table.col("first").is_some() && table.col("last").is_some());
    if !has_name {
        return Err(ImportError::Csv(format!(
            "no column for the name: the header has {}; call one column \"Name\" (or two \"First name\" and \"Last name\")",
            table.header_list()
        )));
    }
    let mut rows = Vec::new();
    let mut warnings = table.warnings.clone();
    for (line, record) in &table.rows {
        let get = |f: &str| table.get(record, f);
        let name = match table.col("name") {
            Some(_) if !get("name").is_empty() => get("name"),
            _ => format!("{} {}", get("first"), get("last")).trim().to_string(),
        };
        if name.is_empty() {
            warnings.push(format!("line {line}: skipped, it has no name"));
            continue;
        }
        let emails: Vec<String> = get("email")
            .split([',', ';', ' ', '\n', '/'])
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(String::from)
            .collect();
        rows.push(PersonRow {
            line: *line,
            name,
            emails,
            organisation: get("organisation"),
            country: get("country"),
            group: get("group"),
            role: get("role"),
            notes: get("notes"),
        });
    }
    Ok(PeopleFile { rows, warnings, columns: table.recognised() })
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
