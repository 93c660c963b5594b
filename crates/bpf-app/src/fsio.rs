//! Writing exported files atomically: a temporary file beside the target, then a rename.

use std::io::Write;
use std::path::Path;

use crate::error::{AppError, Result};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(AppError::File { path: path.to_path_buf(), message: "is a folder".into() });
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".bpf-desk-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| AppError::file(path, &e))?;
    tmp.write_all(bytes).map_err(|e| AppError::file(path, &e))?;
    tmp.as_file().sync_all().map_err(|e| AppError::file(path, &e))?;
    tmp.persist(path).map_err(|e| AppError::file(path, &e.error))?;
    Ok(())
}
