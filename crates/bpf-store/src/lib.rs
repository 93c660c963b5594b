//! The `.bpfdesk` project file: one SQLite database per BPF year.
//!
//! Opening checks, in order: the file exists, starts with the SQLite header, carries BPF Desk's
//! `application_id`, was not written by a newer BPF Desk (`user_version`), and passes
//! `PRAGMA quick_check`. Only then are pending migrations applied. Every access runs inside a
//! transaction handed out by [`Store::read`] or [`Store::write`]; nothing is written outside one.

mod comments;
mod contributions;
mod dissemination;
mod file;
mod mail;
mod meetings;
mod people;
mod records;
mod report;
mod undo;

use std::path::{Path, PathBuf};

pub use file::{APPLICATION_ID, SCHEMA_VERSION, remove_stale_temps};

#[cfg(test)]
mod tests;
pub use mail::{ImportFigures, ImportRecord, NewMessage, StoredSnapshot};
pub use people::{AttendanceRow, PosterRow};
pub use records::Tx;
pub use report::StoredImage;
pub use undo::{KEEP_UNDO, UndoEntry};

/// What can go wrong with a project file. Messages are complete sentences for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no such file", .0.display())]
    NotFound(PathBuf),
    #[error("{}: not a BPF Desk project file ({why})", .path.display())]
    NotBpfFile { path: PathBuf, why: String },
    #[error(
        "{}: written by a newer version of BPF Desk (file format {found}, this version reads up to {supported}); update BPF Desk to open it",
        .path.display()
    )]
    NewerVersion { path: PathBuf, found: i64, supported: i64 },
    #[error("{}: the project file is damaged ({detail}); open a backup or a copy", .path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{}: a file of that name already exists", .0.display())]
    AlreadyExists(PathBuf),
    #[error("{}: {}", .path.display(), describe_io(.source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: the project file is read-only, so the change was not saved", .0.display())]
    ReadOnly(PathBuf),
    #[error(
        "{}: the project is open in another BPF Desk window or program; close it there, or open a copy",
        .0.display()
    )]
    InUse(PathBuf),
    #[error("there is no {what} with id {id} in this project")]
    Missing { what: &'static str, id: i64 },
    #[error("the project file holds a value this version cannot read: {0}")]
    BadValue(String),
    #[error("{0} cannot be put back: the project has changed since in a way that clashes with it")]
    UndoClash(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not upgrade the project file: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "permission denied (the folder or file is read-only for you)".into(),
        K::ReadOnlyFilesystem => "the medium is read-only".into(),
        K::StorageFull => "the disk is full".into(),
        K::NotFound => "the folder does not exist".into(),
        _ => e.to_string(),
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open project file.
#[derive(Debug)]
pub struct Store {
    conn: rusqlite::Connection,
    path: PathBuf,
    /// SQLite opens a file it may not write read-only; writes are then refused up front.
    read_only: bool,
    /// The advisory lock that tells other programs the file is in use (none when only read).
    _lock: Option<std::fs::File>,
}

impl Store {
    /// Creates a new project file at `path`, filled by `fill` in its first transaction.
    ///
    /// The database is built and filled beside the target under a temporary name, then renamed
    /// into place, so a half-created file never carries the real name. An existing file is
    /// refused unless `replace` is set (the user confirmed), in which case it is replaced
    /// atomically.
    pub fn create<E: From<StoreError>>(
        path: &Path,
        replace: bool,
        fill: impl FnOnce(&Tx<'_>) -> Result<(), E>,
    ) -> Result<Store, E> {
        file::create(path, replace, fill)
    }

    /// Opens an existing project file after checking that it is one (header, integrity, and a
    /// schema exactly as the migrations make it); upgrades an older schema. The file is locked
    /// while open: a second opening, by this program or another, gets [`StoreError::InUse`].
    pub fn open(path: &Path) -> Result<Store> {
        file::open(path, true)
    }

    /// A second connection to a project file this process holds open already (work done off the
    /// window's thread): the same checks, no lock of its own.
    pub fn open_beside(path: &Path) -> Result<Store> {
        file::open(path, false)
    }

    /// Opens a project file only to read it, with the same checks, without a lock (it may be
    /// open elsewhere) and without changing it (an older schema is upgraded in a copy in memory).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        file::open_read_only(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in a read transaction: a consistent snapshot.
    pub fn read<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)
            .map_err(|e| E::from(self::map_sqlite(&self.path, e)))?;
        let out = f(&Tx::new(&tx))?;
        tx.finish().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Runs `f` in a write transaction: committed if `f` succeeds, rolled back otherwise.
    pub fn write<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E> {
        let path = self.path.clone();
        if self.read_only {
            return Err(StoreError::ReadOnly(path).into());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| E::from(map_sqlite(&path, e)))?;
        let out = f(&Tx::new(&tx))?;
        tx.commit().map_err(|e| E::from(map_sqlite(&path, e)))?;
        Ok(out)
    }

    /// Writes a consistent copy of the project to `dest` (temporary file, then rename).
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        file::save_copy(&self.conn, &self.path, dest)
    }
}

/// Turns SQLite's "readonly" family into [`StoreError::ReadOnly`]; keeps the rest.
pub(crate) fn map_sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
    let full = || StoreError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::from(std::io::ErrorKind::StorageFull),
    };
    match e.sqlite_error_code() {
        // SQLite reports a write cut short by a full disk as an I/O error: ask the file system.
        Some(rusqlite::ErrorCode::SystemIoFailure) if file::medium(path).is_some_and(|m| m.nearly_full()) => {
            full()
        }
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DiskFull) => full(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Corrupt { path: path.to_path_buf(), detail: e.to_string() }
        }
        _ => StoreError::Sqlite(e),
    }
}
