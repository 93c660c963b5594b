//! A CSV table whose columns are found by their header: the separator (comma, semicolon, tab)
//! is sniffed from the header line, the encoding is UTF-8, UTF-16 or Windows-1252, and each
//! field is looked for under the spellings people use. Shared by the people and comments files.

use std::collections::HashMap;

use crate::{ImportError, decode};

/// A field and the headers it goes by.
pub type Field = (&'static str, &'static [&'static str]);

/// The rows of a table, by field.
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<String>,
    /// Which column holds which field (first match wins; a column serves one field).
    pub columns: Vec<(&'static str, usize)>,
    /// Data rows with their 1-based line; blank rows are left out.
    pub rows: Vec<(u64, csv::StringRecord)>,
    /// Rows that could not be read, with their line.
    pub warnings: Vec<String>,
}

impl Table {
    pub fn col(&self, field: &str) -> Option<usize> {
        self.columns.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }

    /// A field of a row, trimmed; empty when the table has no such column.
    pub fn get(&self, row: &csv::StringRecord, field: &str) -> String {
        self.col(field).and_then(|i| row.get(i)).map(|v| v.trim().to_string()).unwrap_or_default()
    }

    /// The header, quoted, for a message that says which columns were seen.
    pub fn header_list(&self) -> String {
        self.header.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
    }

    /// The recognised columns: `(field, header)`.
    pub fn recognised(&self) -> Vec<(&'static str, String)> {
        self.columns.iter().map(|(f, i)| (*f, self.header[*i].clone())).collect()
    }
}

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

/// Reads the table; an empty file or one that is not CSV is refused.
pub fn read_table(bytes: &[u8], fields: &[Field]) -> Result<Table, ImportError> {
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
    // Each header's key once, with its first column: a header of millions of columns (a line of
    // commas) is read in one pass, not once for every spelling of every field.
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        first.entry(header_key(h)).or_insert(i);
    }
    let mut columns: Vec<(&'static str, usize)> = Vec::new();
    for (field, names) in fields {
        if let Some(i) = names.iter().filter_map(|n| first.get(&header_key(n)).copied()).min()
            && !columns.iter().any(|(_, j)| *j == i)
        {
            columns.push((field, i));
        }
    }
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for record in records {
        match record {
            Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
            Ok(r) => rows.push((r.position().map_or(0, |p| p.line()), r)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                warnings.push(format!("line {line}: skipped, it cannot be read as CSV ({e})"));
            }
        }
    }
    Ok(Table { header, columns, rows, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[("name", &["name", "full name"]), ("email", &["e-mail", "email"])];

    /// A large input run through the people_csv fuzz target: a header of two million empty
    /// columns (a line of commas) took 90 s, every column's key being worked out again for every
    /// spelling of every field; a 10 MB file would have hung the import for minutes.
    #[test]
    fn a_header_of_millions_of_columns_is_read_in_one_pass() {
        let csv = format!(
            "E-Mail{}Full Name,Name\nana@example.org{}Ana\n",
            ",".repeat(2_000_000),
            ",".repeat(2_000_000)
        );
        let t = read_table(csv.as_bytes(), FIELDS).unwrap();
        assert_eq!(t.header.len(), 2_000_002);
        // The first column of any spelling wins, and a column serves one field.
        assert_eq!(t.columns, [("name", 2_000_000), ("email", 0)]);
        assert_eq!(t.get(&t.rows[0].1, "email"), "ana@example.org");
    }
}
