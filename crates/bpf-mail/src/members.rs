//! Member lists of a Mailman list, as the list admin can download them: the CSV of Mailman 3's
//! members page (a header naming an e-mail column, optionally a name column) and the output of
//! Mailman 2's `list_members` (one address per line, `Name <address>` with `--fullnames`).
//! Neither carries a date: the user says when the list was taken.

use std::collections::BTreeMap;

/// The members read from a list, and lines that were not members.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberList {
    /// (address in lower case, name or empty), each address once, in address order.
    pub members: Vec<(String, String)>,
    /// (1-based line, reason) of lines that were skipped.
    pub skipped: Vec<(u64, String)>,
}

/// Why a member list was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MembersError {
    #[error("the file is empty")]
    Empty,
    #[error("no e-mail address found in the file (expected Mailman 3's members CSV or list_members output)")]
    NoAddresses,
    #[error("the CSV has no e-mail column (columns: {0})")]
    NoEmailColumn(String),
    #[error("line {line}: {reason}")]
    Csv { line: u64, reason: String },
}

fn plausible(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !address.chars().any(|c| c.is_whitespace() || c == ',' || c == '<' || c == '>')
}

/// `Jane Doe <Jane@Example.org>` or `jane@example.org` → (address, name).
fn parse_line(line: &str) -> Option<(String, String)> {
    let l = line.trim();
    if let (Some(open), Some(close)) = (l.rfind('<'), l.rfind('>'))
        && open < close
    {
        let address = l[open + 1..close].trim().to_lowercase();
        let name = l[..open].trim().trim_matches('"').trim().to_string();
        return plausible(&address).then_some((address, name));
    }
    let address = l.to_lowercase();
    plausible(&address).then(|| (address, String::new()))
}

/// Reads a member list (UTF-8, with or without BOM; other bytes read as Windows-1252).
pub fn read_members(bytes: &[u8]) -> Result<MemberList, MembersError> {
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    };
    if text.trim().is_empty() {
        return Err(MembersError::Empty);
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    let mut skipped = Vec::new();
    let is_csv = first.contains(',') && parse_line(first).is_none();
    if is_csv {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| MembersError::Csv { line: 1, reason: e.to_string() })?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let email = header
            .iter()
            .position(|h| h == "email" || h == "e-mail" || h == "address" || h.contains("email"))
            .ok_or_else(|| MembersError::NoEmailColumn(header.join(", ")))?;
        let name = header.iter().position(|h| h == "display_name" || h == "name" || h.contains("name"));
        for record in reader.records() {
            let record = record.map_err(|e| MembersError::Csv {
                line: e.position().map_or(0, |p| p.line()),
                reason: e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let address = record.get(email).unwrap_or("").trim().to_lowercase();
            if address.is_empty() && record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if !plausible(&address) {
                skipped.push((line, format!("\"{address}\" is not an e-mail address")));
                continue;
            }
            let n = name.and_then(|i| record.get(i)).unwrap_or("").trim().to_string();
            found.entry(address).or_insert(n);
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            match parse_line(l) {
                Some((address, name)) => {
                    found.entry(address).or_insert(name);
                }
                None => skipped.push((i as u64 + 1, format!("\"{l}\" is not an e-mail address"))),
            }
        }
    }
    if found.is_empty() {
        return Err(MembersError::NoAddresses);
    }
    Ok(MemberList { members: found.into_iter().collect(), skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailman3_csv() {
        let l = read_members(
            b"\xef\xbb\xbfemail,display_name\nJane@Example.org,Jane Doe\nbob@x.org,\nnot-an-address,X\n",
        )
        .unwrap();
        assert_eq!(
            l.members,
            vec![("bob@x.org".into(), "".into()), ("jane@example.org".into(), "Jane Doe".into())]
        );
        assert_eq!(l.skipped.len(), 1);
        assert_eq!(l.skipped[0].0, 4);
    }

    #[test]
    fn mailman2_list_members() {
        let l = read_members(b"a@x.org\nJos\xe9 P <JP@x.org>\n\nA@X.org\n").unwrap();
        assert_eq!(l.members, vec![("a@x.org".into(), "".into()), ("jp@x.org".into(), "José P".into())]);
    }

    #[test]
    fn refusals() {
        assert_eq!(read_members(b"  \n"), Err(MembersError::Empty));
        assert_eq!(read_members(b"hello\nworld\n"), Err(MembersError::NoAddresses));
        assert!(matches!(read_members(b"name,phone\nA,1\n"), Err(MembersError::NoEmailColumn(_))));
    }
}
