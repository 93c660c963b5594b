//! What can go wrong while making a report.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReportError {
    /// A mistake in a section's text the writer must fix.
    #[error("{section}, line {line}: {message}")]
    Markdown { section: String, line: usize, message: String },
    /// The layout engine refused the document (a character no bundled font has, …).
    #[error("the PDF could not be laid out: {0}")]
    Layout(String),
    /// Text no bundled font can show (the PDF must embed a font for every character).
    #[error(
        "{section} uses characters the report’s fonts cannot show: {characters}. The fonts cover Latin, Greek and Cyrillic scripts; replace or remove these characters"
    )]
    Characters { section: String, characters: String },
    #[error("the DOCX could not be written: {0}")]
    Docx(String),
    #[error("the image “{name}” could not be read: {reason}")]
    Image { name: String, reason: String },
}

pub type Result<T> = std::result::Result<T, ReportError>;
