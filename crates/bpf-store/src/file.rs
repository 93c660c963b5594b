//! Creating, checking, opening and copying project files.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use crate::{Result, Store, StoreError, Tx, map_sqlite};

/// `PRAGMA application_id` of every BPF Desk project file: "BPFD".
pub const APPLICATION_ID: i32 = 0x4250_4644;

/// The embedded migrations, in order. Append only: a shipped migration is never edited
/// (a test pins each one's checksum).
pub(crate) const MIGRATIONS_SQL: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_meetings.sql"),
    include_str!("../migrations/0003_attendance.sql"),
    include_str!("../migrations/0004_mail.sql"),
    include_str!("../migrations/0005_report.sql"),
    include_str!("../migrations/0006_people.sql"),
    include_str!("../migrations/0007_contributions.sql"),
    include_str!("../migrations/0008_comments.sql"),
    include_str!("../migrations/0009_dissemination.sql"),
    include_str!("../migrations/0010_proposal.sql"),
    include_str!("../migrations/0011_undo.sql"),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS_SQL.len() as i64;

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATIONS_SQL.iter().map(|sql| M::up(sql)).collect()));

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
}

/// A sibling path for building a file before it takes its real name.
fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    path.with_file_name(format!(".{name}.{}-{nanos}.tmp", std::process::id()))
}

/// The SQLite companions a temporary file may have beside it.
const COMPANIONS: [&str; 4] = ["", "-journal", "-wal", "-shm"];

/// Whether `name` is one of [`temp_sibling`]'s names (`.<name>.<pid>-<n>.tmp`) or a companion of one.
fn is_temp_name(name: &str) -> bool {
    let Some(stem) = COMPANIONS.iter().find_map(|c| name.strip_suffix(c)?.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((rest, tag)) = stem.rsplit_once('.') else { return false };
    let numbered = tag.split_once('-').is_some_and(|(pid, n)| {
        [pid, n].iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    });
    rest.len() > 1 && rest.starts_with('.') && numbered
}

/// Removes from `folder` the temporary files of copies cut short (the process ended while
/// writing one) last changed more than `age` before `now`: younger ones may still be being
/// written. What cannot be read or removed is left as it is.
pub fn remove_stale_temps(folder: &Path, age: std::time::Duration, now: std::time::SystemTime) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for e in entries.filter_map(|e| e.ok()) {
        let temp = is_temp_name(&e.file_name().to_string_lossy());
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|elapsed| elapsed > age));
        if temp && stale {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Removes a temporary file and its SQLite companions, ignoring what is not there.
fn remove_temp(tmp: &Path) {
    for suffix in COMPANIONS {
        let mut p = tmp.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // Schema objects in an opened file may not call functions with side effects.
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Damaged pages are reported as corruption rather than read as they are.
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

pub(crate) fn create<E: From<StoreError>>(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&Tx<'_>) -> Result<(), E>,
) -> Result<Store, E> {
    if !replace && path.exists() {
        return Err(StoreError::AlreadyExists(path.to_path_buf()).into());
    }
    if path.is_dir() {
        return Err(StoreError::NotBpfFile { path: path.to_path_buf(), why: "it is a folder".into() }.into());
    }
    let tmp = temp_sibling(path);
    let built = (|| -> Result<(), E> {
        let mut conn = Connection::open_with_flags(
            &tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(&tmp, path, e))?;
        configure(&conn).map_err(StoreError::from)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(|e| open_error(&tmp, path, e))?;
        MIGRATIONS.to_latest(&mut conn).map_err(StoreError::from)?;
        let tx = conn.transaction().map_err(StoreError::from)?;
        fill(&Tx::new(&tx))?;
        tx.commit().map_err(|e| map_sqlite(path, e))?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(StoreError::from)?;
        conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        Ok(())
    })();
    if let Err(e) = built {
        remove_temp(&tmp);
        return Err(e);
    }
    if !replace && path.exists() {
        remove_temp(&tmp);
        return Err(StoreError::AlreadyExists(path.to_path_buf()).into());
    }
    if let Err(e) = fs::rename(&tmp, path) {
        remove_temp(&tmp);
        return Err(io(path)(e).into());
    }
    // A replaced project's journal files belong to the old database.
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
    Ok(open(path, true)?)
}

/// SQLite reports a folder it cannot write in as "unable to open database file".
fn open_error(tmp: &Path, target: &Path, e: rusqlite::Error) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) {
        // Find out why with a plain file creation, which gives a real OS error.
        return match fs::File::create_new(tmp) {
            Ok(_) => {
                let _ = fs::remove_file(tmp);
                map_sqlite(target, e)
            }
            Err(source) => StoreError::Io { path: target.to_path_buf(), source },
        };
    }
    map_sqlite(target, e)
}

/// Reads the 100-byte SQLite header without opening the database.
fn read_header(path: &Path) -> Result<[u8; 100]> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_path_buf()),
        _ => io(path)(e),
    })?;
    let not_bpf = |why: &str| StoreError::NotBpfFile { path: path.to_path_buf(), why: why.into() };
    if meta.is_dir() {
        return Err(not_bpf("it is a folder"));
    }
    if meta.len() == 0 {
        return Err(not_bpf("the file is empty"));
    }
    let mut header = [0u8; 100];
    let mut f = fs::File::open(path).map_err(io(path))?;
    let n = read_up_to(&mut f, &mut header).map_err(io(path))?;
    if n < 16 || &header[..16] != SQLITE_MAGIC {
        return Err(not_bpf("it is not an SQLite database"));
    }
    if n < 100 {
        return Err(StoreError::Corrupt { path: path.to_path_buf(), detail: "the file is truncated".into() });
    }
    check_size(path, &header, meta.len())?;
    Ok(header)
}

/// The largest project file BPF Desk opens: far beyond a year of any BPF (a list of 50,000
/// messages with their bodies is about 100 MB), and small enough that a crafted file cannot make
/// the checks run for hours.
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// Refuses a file whose header does not describe its own size: a page size SQLite never writes,
/// a page count beyond the file's end (a crafted "huge" database), or a file too big to be ours.
fn check_size(path: &Path, header: &[u8; 100], len: u64) -> Result<()> {
    let corrupt = |detail: String| StoreError::Corrupt { path: path.to_path_buf(), detail };
    if len > MAX_FILE_BYTES {
        return Err(StoreError::NotBpfFile {
            path: path.to_path_buf(),
            why: format!(
                "it is {} MB, more than any BPF Desk project ({} MB at most)",
                len >> 20,
                MAX_FILE_BYTES >> 20
            ),
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        n => return Err(corrupt(format!("the header names a page size of {n} bytes"))),
    };
    if !len.is_multiple_of(page_size) {
        return Err(corrupt(format!("{len} bytes is not a whole number of {page_size}-byte pages")));
    }
    // The header's page count is only valid when its "valid-for" counter matches the change counter.
    let pages = u64::from(be_u32(&header[28..32]));
    if be_u32(&header[92..96]) == be_u32(&header[24..28]) && pages.saturating_mul(page_size) > len {
        return Err(corrupt(format!(
            "the header claims {pages} pages of {page_size} bytes, but the file holds only {}",
            len / page_size
        )));
    }
    Ok(())
}

fn be_u32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn read_up_to(f: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn be_i32(b: &[u8]) -> i32 {
    i32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Checks the header of a file about to be opened: a BPF Desk project of a version this build
/// reads. Gives the file's schema version.
fn check_header(path: &Path) -> Result<i64> {
    let header = read_header(path)?;
    let app_id = be_i32(&header[68..72]);
    let user_version = i64::from(be_i32(&header[60..64]));
    if app_id != APPLICATION_ID {
        let why = if app_id == 0 {
            "it is an SQLite database, but not one made by BPF Desk".to_string()
        } else {
            format!("it is an SQLite database of another program (application id {app_id:#010x})")
        };
        return Err(StoreError::NotBpfFile { path: path.to_path_buf(), why });
    }
    if user_version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: user_version,
            supported: SCHEMA_VERSION,
        });
    }
    if user_version < 0 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("the schema version is {user_version}"),
        });
    }
    Ok(user_version)
}

/// The database's own integrity, then its schema: exactly what the migrations up to `version`
/// make, so that a crafted file cannot bring a trigger, a view or a changed table of its own.
/// Nothing in the file runs before this check passes.
fn check_contents(path: &Path, conn: &Connection, version: i64) -> Result<()> {
    let check: String =
        conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(|e| map_sqlite(path, e))?;
    if check != "ok" {
        return Err(StoreError::Corrupt { path: path.to_path_buf(), detail: check });
    }
    let found = schema_of(conn).map_err(|e| map_sqlite(path, e))?;
    let mut reference = Connection::open_in_memory()?;
    MIGRATIONS.to_version(&mut reference, usize::try_from(version).unwrap_or(0))?;
    let expected = schema_of(&reference)?;
    if let Some((kind, name, _)) = found.iter().find(|o| !expected.contains(o)) {
        let why = if expected.iter().any(|(k, n, _)| k == kind && n == name) {
            format!("its {kind} “{name}” was changed from what BPF Desk made")
        } else {
            format!("it holds a {kind} “{name}” that BPF Desk never makes")
        };
        return Err(StoreError::NotBpfFile { path: path.to_path_buf(), why });
    }
    if let Some((kind, name, _)) = expected.iter().find(|o| !found.contains(o)) {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("its {kind} “{name}” is missing"),
        });
    }
    Ok(())
}

/// Every schema object: kind, name and the SQL that made it.
fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<(String, String, Option<String>)>> {
    let mut st = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")?;
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect()
}

/// What the file system holding a file says about itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Medium {
    pub read_only: bool,
    /// Bytes this user may still write.
    pub free: u64,
}

impl Medium {
    /// Less room than one transaction of a big import needs.
    pub fn nearly_full(self) -> bool {
        self.free < 1 << 20
    }
}

#[cfg(unix)]
pub(crate) fn medium(path: &Path) -> Option<Medium> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let s = rustix::fs::statvfs(dir).ok()?;
    Some(Medium {
        read_only: s.f_flag.contains(rustix::fs::StatVfsMountFlags::RDONLY),
        free: s.f_bavail.saturating_mul(s.f_frsize),
    })
}

#[cfg(not(unix))]
pub(crate) fn medium(_path: &Path) -> Option<Medium> {
    None
}

/// An SQLite URI for a file on a read-only medium: nothing can change it, so SQLite need not
/// look for other writers (which it cannot do there, the WAL index being a file it must create).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// An advisory lock on the project file, held while it is open for writing, so that a second
/// program (or window) opening it is told it is in use. SQLite's own locks use a different
/// mechanism (POSIX record locks), so this one does not get in their way.
fn lock(path: &Path) -> Result<fs::File> {
    let file = fs::File::open(path).map_err(io(path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(StoreError::InUse(path.to_path_buf())),
        Err(fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => Ok(file),
        Err(fs::TryLockError::Error(e)) => Err(io(path)(e)),
    }
}

/// Opens for reading and writing; `locked` takes the file's lock (not for a second connection of
/// a process that holds it already).
pub(crate) fn open(path: &Path, locked: bool) -> Result<Store> {
    let version = check_header(path)?;
    let lock = if locked { Some(lock(path)?) } else { None };
    let mut conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    configure(&conn).map_err(|e| map_sqlite(path, e))?;
    check_contents(path, &conn, version)?;
    let read_only = conn.is_readonly(rusqlite::MAIN_DB).map_err(|e| map_sqlite(path, e))?;
    if version < SCHEMA_VERSION {
        if read_only {
            return Err(StoreError::ReadOnly(path.to_path_buf()));
        }
        MIGRATIONS.to_latest(&mut conn)?;
    }
    if !read_only {
        let mode: String =
            conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).map_err(|e| map_sqlite(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| map_sqlite(path, e))?;
        }
    }
    tune(path, &conn)?;
    Ok(Store { conn, path: path.to_path_buf(), read_only, _lock: lock })
}

/// Connects to an existing file; on a read-only medium, read-only and immutable.
fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = if medium(path).is_some_and(|m| m.read_only) {
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Connection::open_with_flags(immutable_uri(path), flags)
    } else {
        Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    };
    conn.map_err(|e| map_sqlite(path, e))
}

fn tune(path: &Path, conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "synchronous", "FULL").map_err(|e| map_sqlite(path, e))?;
    // 32 MB of page cache (the default is 2 MB): a big import's inserts stay in memory until commit.
    conn.pragma_update(None, "cache_size", -32768).map_err(|e| map_sqlite(path, e))
}

/// Opens a project only to read it (another year, another BPF to compare), even while another
/// program has it open: no lock, no write (`query_only`). A file of an older schema is read
/// through an upgraded copy in memory, so its contents are never changed.
pub(crate) fn open_read_only(path: &Path) -> Result<Store> {
    let version = check_header(path)?;
    // Opened for writing where it may be (SQLite falls back to reading on a read-only medium) but
    // with writes switched off: a reading connection would leave its WAL files behind, and the
    // last connection to close tidies them away.
    let mut conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    configure(&conn).map_err(|e| map_sqlite(path, e))?;
    conn.pragma_update(None, "query_only", true).map_err(|e| map_sqlite(path, e))?;
    check_contents(path, &conn, version)?;
    if version < SCHEMA_VERSION {
        let mut copy = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&conn, &mut copy)?
            .run_to_completion(256, std::time::Duration::ZERO, None)
            .map_err(|e| map_sqlite(path, e))?;
        configure(&copy)?;
        MIGRATIONS.to_latest(&mut copy)?;
        conn = copy;
    }
    tune(path, &conn)?;
    Ok(Store { conn, path: path.to_path_buf(), read_only: true, _lock: None })
}

pub(crate) fn save_copy(conn: &Connection, source: &Path, dest: &Path) -> Result<()> {
    let same = match (fs::canonicalize(source), fs::canonicalize(dest)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(StoreError::AlreadyExists(dest.to_path_buf()));
    }
    let tmp = temp_sibling(dest);
    let tmp_str = tmp.to_str().ok_or_else(|| StoreError::Io {
        path: dest.to_path_buf(),
        source: std::io::Error::other("the path is not valid UTF-8"),
    })?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [tmp_str]) {
        remove_temp(&tmp);
        return Err(open_error(&tmp, dest, e));
    }
    let set_wal = (|| -> rusqlite::Result<()> {
        let copy = Connection::open(&tmp)?;
        copy.pragma_update(None, "journal_mode", "WAL")?;
        copy.close().map_err(|(_, e)| e)
    })();
    if let Err(e) = set_wal {
        remove_temp(&tmp);
        return Err(map_sqlite(dest, e));
    }
    fs::rename(&tmp, dest).map_err(|e| {
        remove_temp(&tmp);
        io(dest)(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_told_from_other_files() {
        let made = temp_sibling(Path::new("/backups/2026-11-24.bpfdesk"));
        let name = made.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        assert!(is_temp_name(&name), "{name}");
        assert!(is_temp_name(&format!("{name}-wal")) && is_temp_name(&format!("{name}-journal")));
        for other in
            ["2026-11-24.bpfdesk", ".tmp", "..4-5.tmp", ".x.bpfdesk.tmp", ".x.bpfdesk.12-ab.tmp", "x.1-2.tmp"]
        {
            assert!(!is_temp_name(other), "{other}");
        }
    }

    /// FNV-1a: a stable checksum, so that editing a shipped migration fails this test.
    fn fnv1a(s: &str) -> u64 {
        s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    #[test]
    fn migrations_are_append_only() {
        // One line per shipped migration. Add a line for a new migration; never change one.
        const SHIPPED: &[u64] = &[
            12325847327832479584,
            2765891727645321152,
            2346207401063105028,
            10282447178218779432,
            15249262523356851923,
            18402819511849782325,
            10116079986703901174,
            2439204227521207399,
            1222499908364704870,
            2001070050592465203,
            12249645171591845210,
        ];
        let found: Vec<u64> = MIGRATIONS_SQL.iter().map(|s| fnv1a(s)).collect();
        assert!(found.len() >= SHIPPED.len(), "a shipped migration was removed");
        assert_eq!(found.len(), SHIPPED.len(), "pin the checksum of the new migration here: {found:?}");
        for (i, (want, got)) in SHIPPED.iter().zip(&found).enumerate() {
            assert_eq!(want, got, "migration {} was edited after it shipped: add a new one instead", i + 1);
        }
    }

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }
}
