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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("plan.ics");
        std::fs::write(&target, b"old").unwrap();
        write_atomically(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_a_folder_and_a_missing_folder_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomically(dir.path(), b"x").unwrap_err().to_string();
        assert!(e.ends_with(": is a folder"), "{e}");
        let e = write_atomically(&dir.path().join("nope/plan.ics"), b"x").unwrap_err().to_string();
        assert!(e.ends_with("plan.ics: the folder does not exist"), "{e}");
    }
}
