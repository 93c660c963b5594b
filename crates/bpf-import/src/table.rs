//! A CSV table whose columns are found by their header: the separator (comma, semicolon, tab)
//! is sniffed from the header line, the encoding is UTF-8, UTF-16 or Windows-1252, and each
//! field is looked for under the spellings people use. Shared by the people and comments files.

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
    let mut columns: Vec<(&'static str, usize)> = Vec::new();
    for (field, names) in fields {
        if let Some(i) = header.iter().position(|h| names.iter().any(|n| header_key(n) == header_key(h)))
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
