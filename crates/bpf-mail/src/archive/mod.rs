//! Reading mailing-list archives: pipermail monthly files (`.txt`, `.txt.gz`), mbox (mboxo,
//! mboxrd) and Mailman 3 / HyperKitty exports, any mix, a folder or many files at once.
//!
//! Streaming throughout: files are read line by line, decompressed on the fly (gzip known by its
//! magic bytes, not its name), and only each message's header block is kept. Files are read by
//! worker threads in parallel, but their messages reach the caller in file order, so what is
//! kept of duplicates does not depend on thread timing. Memory is bounded by the workers' queues.

pub mod parse;
pub mod split;
pub mod texts;

use std::fs::File;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

pub use parse::{DateSource, HeaderReader, MailMessage};
pub use split::{Quoting, RawMessage, Splitter};

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveFile {
    pub path: PathBuf,
    /// Bytes on disk (compressed size for gzip files): what progress is counted in.
    pub size: u64,
}

/// A part of the input that could not be read: which file, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line in the (decompressed) file, 0 for the file as a whole.
    pub line: u64,
    pub reason: String,
}

/// What reading one file gave.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileReport {
    pub file: String,
    pub messages: u64,
    pub lines: u64,
    pub problems: Vec<Problem>,
}

/// What the reader hands to the caller, file after file.
#[derive(Debug)]
pub enum Item {
    Message(MailMessage),
    /// The file is finished (every message of it came before).
    Done(FileReport),
}

/// File names read from a folder: pipermail months and mbox files (not the HTML around them).
fn is_archive_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    if n.starts_with('.') {
        return false;
    }
    [".txt", ".txt.gz", ".gz", ".mbox", ".mboxrd", ".mbx", ".eml", ".mbox.gz"].iter().any(|e| n.ends_with(e))
        || !n.contains('.')
}

/// The files behind `paths`: files as given, folders searched (recursively) for archive files,
/// each folder's files in name order. Paths that do not exist are reported.
pub fn collect(paths: &[PathBuf]) -> (Vec<ArchiveFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        collect_one(p, true, &mut files, &mut problems);
    }
    (files, problems)
}

fn collect_one(p: &Path, given: bool, files: &mut Vec<ArchiveFile>, problems: &mut Vec<Problem>) {
    let problem = |reason: String| Problem { file: p.display().to_string(), line: 0, reason };
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            problems.push(problem(format!("cannot be read: {e}")));
            return;
        }
    };
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                problems.push(problem(format!("the folder cannot be read: {e}")));
                return;
            }
        };
        entries.sort();
        for e in entries {
            let name = e.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if e.is_dir() || is_archive_name(&name) {
                collect_one(&e, false, files, problems);
            }
        }
    } else if meta.is_file() || given {
        // A path given by name may also be a pipe (`<(zcat …)`): read as a stream.
        files.push(ArchiveFile { path: p.to_path_buf(), size: meta.len() });
    }
}

/// Pipermail's `.txt` files are not quoted; everything else is read as mboxrd.
pub fn quoting_for(path: &Path) -> Quoting {
    let n = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if n.ends_with(".txt") || n.ends_with(".txt.gz") { Quoting::None } else { Quoting::Mboxrd }
}

/// Counts the bytes read from the file, for progress.
struct Counting<'a, R> {
    inner: R,
    count: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

const BUFFER: usize = 64 * 1024;

/// A buffered reader whose buffer is zeroed once. (`std::io::BufReader` over a reader without
/// `read_buf` re-initialises its buffer on every fill, which costs as much as the decompression.)
struct Buffered<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
}

impl<R: Read> Buffered<R> {
    fn new(inner: R) -> Self {
        Buffered { inner, buf: vec![0; BUFFER].into_boxed_slice(), pos: 0, end: 0 }
    }
}

impl<R: Read> Read for Buffered<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Buffered<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.end {
            self.end = self.inner.read(&mut self.buf)?;
            self.pos = 0;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
    }
}

/// Opens a file for reading, decompressing it when it starts with gzip's magic bytes.
fn open<'a>(path: &Path, count: &'a AtomicU64) -> std::io::Result<Box<dyn BufRead + 'a>> {
    let mut file = File::open(path)?;
    let mut magic = [0u8; 2];
    let mut n = 0;
    while n < 2 {
        match file.read(&mut magic[n..])? {
            0 => break,
            k => n += k,
        }
    }
    // The bytes peeked at go first again (no seeking: the input may be a pipe); counted then.
    let stream = std::io::Cursor::new(magic[..n].to_vec()).chain(file);
    let counted = Counting { inner: stream, count };
    if n == 2 && magic == [0x1f, 0x8b] {
        let gz = flate2::bufread::MultiGzDecoder::new(Buffered::new(counted));
        Ok(Box::new(Buffered::new(gz)))
    } else {
        Ok(Box::new(Buffered::new(counted)))
    }
}

/// Explains a read error in the user's terms.
pub(crate) fn read_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            "the file ends in the middle of its compressed data (truncated download?); \
             the messages before this point were read"
                .into()
        }
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            format!("the compressed data is damaged ({e}); the messages before this point were read")
        }
        _ => format!("reading stopped: {e}"),
    }
}

/// Reads one file, handing each message to `send`; stops early when `send` says so.
pub fn read_file(
    file: &ArchiveFile,
    reader: &HeaderReader,
    count: &AtomicU64,
    mut send: impl FnMut(MailMessage) -> bool,
) -> FileReport {
    let name = file.path.display().to_string();
    let mut report = FileReport { file: name.clone(), ..FileReport::default() };
    let problem = |line: u64, reason: String| Problem { file: name.clone(), line, reason };
    let input = match open(&file.path, count) {
        Ok(i) => i,
        Err(e) => {
            report.problems.push(problem(0, format!("cannot be opened: {e}")));
            return report;
        }
    };
    let mut splitter = Splitter::new(input, quoting_for(&file.path), 0);
    loop {
        match splitter.next_message() {
            Ok(Some(raw)) => {
                report.messages += 1;
                if !send(reader.read(&raw)) {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                report.problems.push(problem(splitter.lines() + 1, read_error(&e)));
                break;
            }
        }
    }
    report.lines = splitter.lines();
    if let Some((line, n)) = splitter.skipped.filter(|_| report.messages > 0) {
        report.problems.push(problem(
            line,
            format!("{n} line{} before the first message were skipped", if n == 1 { "" } else { "s" }),
        ));
    }
    if report.messages == 0 && report.problems.is_empty() {
        let reason = if report.lines == 0 {
            "the file is empty".to_string()
        } else {
            "no messages found: not an mbox or pipermail archive".to_string()
        };
        report.problems.push(problem(0, reason));
    }
    report
}

/// How reading is shared out and watched.
#[derive(Debug)]
pub struct Reading<'a> {
    pub reader: &'a HeaderReader,
    /// Threads reading files (at least one).
    pub workers: usize,
    /// Set to stop: workers finish their current message and stop.
    pub cancel: &'a AtomicBool,
    /// Bytes read from disk so far, across files.
    pub bytes_read: &'a AtomicU64,
}

/// Batches buffered per file ahead of the caller, and messages per batch.
const QUEUE: usize = 16;
const BATCH: usize = 64;

enum Batch {
    Messages(Vec<MailMessage>),
    Done(FileReport),
}

/// Reads `files` in parallel and hands every message to `sink` on the calling thread, in file
/// order, each file closed by [`Item::Done`]. An error from `sink` stops the reading.
pub fn read_all<E>(
    files: &[ArchiveFile],
    how: &Reading<'_>,
    mut sink: impl FnMut(usize, Item) -> Result<(), E>,
) -> Result<(), E> {
    let mut senders = Vec::with_capacity(files.len());
    let mut receivers = Vec::with_capacity(files.len());
    for _ in files {
        let (tx, rx) = mpsc::sync_channel::<Batch>(QUEUE);
        senders.push(Mutex::new(Some(tx)));
        receivers.push(rx);
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..how.workers.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(slot) = senders.get(i) else { break };
                    let Some(tx) = slot.lock().ok().and_then(|mut s| s.take()) else { continue };
                    if stop.load(Ordering::Relaxed) || how.cancel.load(Ordering::Relaxed) {
                        // Every file's channel must close, or the caller would wait on it.
                        continue;
                    }
                    // Messages travel in batches: one wake-up of the caller per batch.
                    let mut batch = Vec::with_capacity(BATCH);
                    let report = read_file(&files[i], how.reader, how.bytes_read, |m| {
                        batch.push(m);
                        if batch.len() < BATCH {
                            return true;
                        }
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        !how.cancel.load(Ordering::Relaxed) && tx.send(Batch::Messages(full)).is_ok()
                    });
                    if !batch.is_empty() {
                        let _ = tx.send(Batch::Messages(batch));
                    }
                    let _ = tx.send(Batch::Done(report));
                }
            });
        }
        let result = (|| {
            for (i, rx) in receivers.iter().enumerate() {
                for batch in rx.iter() {
                    match batch {
                        Batch::Messages(messages) => {
                            for m in messages {
                                sink(i, Item::Message(m))?;
                            }
                        }
                        Batch::Done(report) => sink(i, Item::Done(report))?,
                    }
                }
            }
            Ok(())
        })();
        // Unblock and stop the workers whatever happened.
        stop.store(true, Ordering::Relaxed);
        drop(receivers);
        result
    })
}
