//! The output report as a document, and its two renderings.
//!
//! - [`model`]: the one document both writers lay out (plain strings, numbers worked out).
//! - [`markdown`]: a section's Markdown (CommonMark, footnotes, tables, `::: observations`
//!   blocks, figures, `#anchor` cross-references) read into the model's blocks.
//! - [`assemble`]: sections and generated blocks numbered into a [`Document`].
//! - [`pdf`]: the PDF, laid out by Typst embedded as a library: a static template
//!   (`templates/report.typ`) reads the document as JSON data, with fonts bundled in the binary.
//! - [`docx`]: the editable DOCX (docx-rs, plus the XML it lacks).
//! - [`chart`]: charts of the project data as SVG (vector in the PDF, rasterised for the DOCX).
//! - [`html`]: the preview shown beside the editor.

pub mod assemble;
pub mod chart;
pub mod docx;
mod error;
pub mod facts;
pub mod fonts;
pub mod html;
pub mod markdown;
pub mod model;
pub mod pdf;
pub mod picture;
pub mod sample;

pub use assemble::{PartKind, SourcePart, assemble, assemble_with_absent};
pub use error::{ReportError, Result};
pub use model::{Block, Document, Image, ImageFormat, Inline, Layout, Meta, Part};
