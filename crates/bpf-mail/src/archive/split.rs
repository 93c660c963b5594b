//! Splitting an mbox-family stream into messages, one line at a time, with bounded memory.
//!
//! Real archives are not clean mboxes (see `shared/mail-corpus/README.md`): pipermail's `.txt`
//! does not quote body lines beginning with `From `, and an envelope line need not follow a
//! blank line. So a line starts a message only when it has the shape of an envelope
//! (`From <sender>[ at <domain>]  <date>`, the date beginning with a weekday and holding a time
//! and a year) *and* the line after it is a header line. mboxrd quoting (`>From ` → `From `,
//! one `>` removed) is undone in [`Quoting::Mboxrd`] files only.

use std::io::BufRead;

/// How `From ` lines inside messages were protected by the program that wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// mboxrd (and mboxo): `>From `, `>>From `, … lose one `>`.
    Mboxrd,
    /// Pipermail's `.txt`: nothing quoted, nothing to undo.
    None,
}

/// One message as cut from the stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawMessage {
    /// 1-based line of the envelope (or of the first header when the file has none).
    pub line: u64,
    /// The envelope line after `From `, without its line end; empty when there was none.
    pub envelope: Vec<u8>,
    /// The header block, each line with its line end, without the blank line that ends it.
    pub header: Vec<u8>,
    /// The body, up to the splitter's `keep_body` bytes.
    pub body: Vec<u8>,
    /// The whole body's length in bytes (after unquoting, without the separating blank line).
    pub body_len: u64,
}

/// Cuts a stream into [`RawMessage`]s. Memory: one message's header plus `keep_body` bytes.
#[derive(Debug)]
pub struct Splitter<R> {
    input: R,
    quoting: Quoting,
    keep_body: usize,
    line_no: u64,
    line: Vec<u8>,
    /// A line read ahead (in `held_buf`) that has not been handled yet: its number.
    held: Option<u64>,
    held_buf: Vec<u8>,
    current: Option<Building>,
    /// Non-blank lines before the first message: (first line number, count).
    pub skipped: Option<(u64, u64)>,
    started: bool,
}

#[derive(Debug)]
struct Building {
    msg: RawMessage,
    in_header: bool,
    /// A blank line read in the body and not yet appended (its bytes): the last one before
    /// the next envelope is the separator, not part of the body.
    pending_blank: &'static [u8],
}

fn is_blank(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

fn trim_end(line: &[u8]) -> &[u8] {
    let mut l = line;
    while let [rest @ .., b'\n' | b'\r'] = l {
        l = rest;
    }
    l
}

/// Whether `line` is a header field (`Name: value`) or a folded continuation of one.
pub fn is_header_line(line: &[u8]) -> bool {
    let l = trim_end(line);
    if l.is_empty() {
        return false;
    }
    let Some(colon) = l.iter().position(|&b| b == b':') else { return false };
    colon > 0 && l[..colon].iter().all(|&b| b.is_ascii_graphic() && b != b':')
}

const DAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];

/// The date part of an envelope line (`From sender  date`), if the line has an envelope's shape.
pub fn envelope_date(line: &[u8]) -> Option<&[u8]> {
    let rest = trim_end(line).strip_prefix(b"From ")?;
    // Word starts: the sender, then (pipermail) `at domain`, then the date.
    let starts: Vec<usize> = (0..rest.len())
        .filter(|&i| {
            rest[i] != b' ' && rest[i] != b'\t' && (i == 0 || rest[i - 1] == b' ' || rest[i - 1] == b'\t')
        })
        .take(4)
        .collect();
    let word = |k: usize| {
        let s = *starts.get(k)?;
        let e = rest[s..].iter().position(|&b| b == b' ' || b == b'\t').map_or(rest.len(), |p| s + p);
        Some(&rest[s..e])
    };
    let date_word = if starts.len() >= 4 && word(1) == Some(&b"at"[..]) { 3 } else { 1 };
    let date = &rest[*starts.get(date_word)?..];
    let day = date.get(..3)?;
    if !DAYS.iter().any(|d| d.eq_ignore_ascii_case(day)) {
        return None;
    }
    // A time and a four-digit year somewhere in it.
    let has_time = date.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let has_year = date.split(|b| !b.is_ascii_digit()).any(|run| run.len() == 4);
    (has_time && has_year).then_some(date)
}

impl<R: BufRead> Splitter<R> {
    pub fn new(input: R, quoting: Quoting, keep_body: usize) -> Self {
        Splitter {
            input,
            quoting,
            keep_body,
            line_no: 0,
            line: Vec::with_capacity(256),
            held: None,
            held_buf: Vec::with_capacity(256),
            current: None,
            skipped: None,
            started: false,
        }
    }

    /// Lines read so far.
    pub fn lines(&self) -> u64 {
        self.line_no
    }

    /// Reads the next line into `self.line` (the held one first); its number, `None` at the end.
    fn read_line(&mut self) -> std::io::Result<Option<u64>> {
        if let Some(no) = self.held.take() {
            std::mem::swap(&mut self.line, &mut self.held_buf);
            return Ok(Some(no));
        }
        self.line.clear();
        if read_line_capped(&mut self.input, &mut self.line)? == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        Ok(Some(self.line_no))
    }

    /// Reads the line after `self.line` into `held_buf` and holds it; whether it is a header line.
    fn peek_is_header(&mut self) -> std::io::Result<bool> {
        self.held_buf.clear();
        if read_line_capped(&mut self.input, &mut self.held_buf)? == 0 {
            return Ok(false);
        }
        self.line_no += 1;
        self.held = Some(self.line_no);
        Ok(is_header_line(&self.held_buf))
    }

    fn unquote<'a>(&self, line: &'a [u8]) -> &'a [u8] {
        if self.quoting == Quoting::Mboxrd && line.first() == Some(&b'>') {
            let gts = line.iter().take_while(|&&b| b == b'>').count();
            if line[gts..].starts_with(b"From ") {
                return &line[1..];
            }
        }
        line
    }

    fn start(&mut self, envelope: &[u8], line: u64) {
        let env = trim_end(envelope).strip_prefix(b"From ").unwrap_or(b"").to_vec();
        self.current = Some(Building {
            msg: RawMessage { line, envelope: env, ..RawMessage::default() },
            in_header: true,
            pending_blank: b"",
        });
        self.started = true;
    }

    fn append(&mut self, line: &[u8]) {
        let line = self.unquote(line);
        let keep = self.keep_body;
        let Some(b) = self.current.as_mut() else { return };
        if b.in_header {
            if is_blank(line) {
                b.in_header = false;
            } else if b.msg.header.len() + line.len() > MAX_HEADER {
                // Not a header block any more: what follows is counted as body.
                b.in_header = false;
                push_body(&mut b.msg, line, keep);
            } else {
                b.msg.header.extend_from_slice(line);
            }
            return;
        }
        if is_blank(line) {
            // Hold it: it may be the separator before the next envelope.
            let blank: &'static [u8] = if line.len() == 2 { b"\r\n" } else { b"\n" };
            let held = std::mem::replace(&mut b.pending_blank, blank);
            push_body(&mut b.msg, held, keep);
            return;
        }
        let held = std::mem::take(&mut b.pending_blank);
        push_body(&mut b.msg, held, keep);
        push_body(&mut b.msg, line, keep);
    }

    fn finish(&mut self) -> Option<RawMessage> {
        self.current.take().map(|b| b.msg)
    }

    fn note_skipped(&mut self, line: &[u8], no: u64) {
        if self.started || is_blank(line) {
            return;
        }
        match &mut self.skipped {
            Some((_, n)) => *n += 1,
            None => self.skipped = Some((no, 1)),
        }
    }

    /// Counts body lines straight from the input's buffer, without copying them, while they
    /// cannot matter: not blank, not `From `, not quoted (`>`), whole lines in the buffer.
    fn skim_body(&mut self) -> std::io::Result<()> {
        let Splitter { input, current, line_no, keep_body, held, .. } = self;
        if held.is_some() {
            return Ok(());
        }
        let Some(b) = current.as_mut() else { return Ok(()) };
        if b.in_header {
            return Ok(());
        }
        let keep = *keep_body;
        loop {
            let buf = input.fill_buf()?;
            let mut used = 0;
            let mut lines = 0;
            while let Some(i) = memchr::memchr(b'\n', &buf[used..]) {
                let line = &buf[used..used + i + 1];
                if is_blank(line) || line.starts_with(b"From ") || line.first() == Some(&b'>') {
                    break;
                }
                let blank = std::mem::take(&mut b.pending_blank);
                push_body(&mut b.msg, blank, keep);
                push_body(&mut b.msg, line, keep);
                used += i + 1;
                lines += 1;
            }
            let stopped_early = used < buf.len() && memchr::memchr(b'\n', &buf[used..]).is_some();
            input.consume(used);
            *line_no += lines;
            if stopped_early || lines == 0 {
                return Ok(());
            }
        }
    }

    /// The next message, or `None` at the end of the stream.
    pub fn next_message(&mut self) -> std::io::Result<Option<RawMessage>> {
        loop {
            self.skim_body()?;
            let Some(no) = self.read_line()? else { return Ok(self.finish()) };
            // The line is moved out while handled and put back, so its buffer is reused.
            let line = std::mem::take(&mut self.line);
            let mut done = None;
            let mut started = false;
            if line.starts_with(b"From ") && envelope_date(&line).is_some() {
                // An envelope only if a header line follows.
                if self.peek_is_header()? {
                    done = self.finish();
                    self.start(&line, no);
                    started = true;
                }
            } else if !self.started
                && self.current.is_none()
                && self.skipped.is_none()
                && is_header_line(&line)
            {
                // A file that starts with headers: one message without an envelope (an .eml).
                self.start(b"", no);
            }
            if !started {
                if self.current.is_some() {
                    self.append(&line);
                } else {
                    self.note_skipped(&line, no);
                }
            }
            self.line = line;
            if done.is_some() {
                return Ok(done);
            }
        }
    }
}

/// A header block longer than this is not one (real ones are a few kilobytes).
const MAX_HEADER: usize = 256 * 1024;
/// Bytes of one line kept; the rest of a longer line is read and dropped.
const MAX_LINE: usize = 1024 * 1024;

/// Reads one line (with its `\n`) into `out`, keeping at most [`MAX_LINE`] bytes of it, so a
/// file without line ends cannot exhaust memory. Returns the bytes consumed.
fn read_line_capped(input: &mut impl BufRead, out: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut consumed = 0;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = MAX_LINE.saturating_sub(out.len());
        out.extend_from_slice(&buf[..take.min(room)]);
        input.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

fn push_body(msg: &mut RawMessage, bytes: &[u8], keep: usize) {
    if bytes.is_empty() {
        return;
    }
    msg.body_len += bytes.len() as u64;
    let room = keep.saturating_sub(msg.body.len());
    msg.body.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

impl<R: BufRead> Iterator for Splitter<R> {
    type Item = std::io::Result<RawMessage>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_message().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, q: Quoting) -> Vec<RawMessage> {
        Splitter::new(text.as_bytes(), q, usize::MAX).map(|m| m.unwrap()).collect()
    }

    #[test]
    fn envelope_shapes() {
        assert!(envelope_date(b"From jjl at pobox.com  Thu Nov  1 11:19:12 2001\n").is_some());
        assert!(envelope_date(b"From twisted-web@twistedmatrix.com  Thu Jan  1 10:11:24 2004\n").is_some());
        assert!(envelope_date(b"From ejkreinar@gmail.com Mon Jul  1 11:26:48 2019\n").is_some());
        assert!(envelope_date(b"From MAILER-DAEMON Fri, 12 Jul 2019 10:00:00 +0000\n").is_some());
        assert!(envelope_date(b"From here on, we use Thu 10:00 in 2004\n").is_none());
        assert!(envelope_date(b"From the docs: Thursday\n").is_none());
        assert!(envelope_date(b"From a@b.c\n").is_none());
    }

    #[test]
    fn body_from_lines_stay_in_the_body() {
        let text = "From a at b.org  Thu Nov  1 11:19:12 2001\nFrom: a at b.org (A)\nSubject: x\n\n\
                    From here on, it is body.\nFrom b@c.org  Thu Nov  1 11:19:12 2001\nnot a header line\n\n";
        let m = split(text, Quoting::None);
        assert_eq!(m.len(), 1);
        assert_eq!(
            String::from_utf8_lossy(&m[0].body),
            "From here on, it is body.\nFrom b@c.org  Thu Nov  1 11:19:12 2001\nnot a header line\n"
        );
    }

    #[test]
    fn envelope_after_a_url_line_without_blank() {
        let text = "From a at b.org  Thu Nov  1 11:19:12 2001\nFrom: a\n\nbody\nURL: http://x/y\n\
                    From c at d.org  Fri Nov  2 11:19:12 2001\nFrom: c\n\nsecond\n";
        let m = split(text, Quoting::None);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].body, b"body\nURL: http://x/y\n");
        assert_eq!(m[1].line, 6);
        assert_eq!(m[1].envelope, b"c at d.org  Fri Nov  2 11:19:12 2001");
        assert_eq!(m[1].body, b"second\n");
    }

    #[test]
    fn mboxrd_unquoting_only_in_mboxrd() {
        let text = "From a@b Thu Nov  1 11:19:12 2001\nFrom: a\n\n>From x\n>>From y\n>Fromage\n";
        assert_eq!(split(text, Quoting::Mboxrd)[0].body, b"From x\n>From y\n>Fromage\n");
        assert_eq!(split(text, Quoting::None)[0].body, b">From x\n>>From y\n>Fromage\n");
    }

    #[test]
    fn preamble_is_reported_and_eml_is_one_message() {
        let mut s = Splitter::new(
            &b"garbage\nmore\nFrom a@b Thu Nov  1 11:19:12 2001\nFrom: a\n\nx\n"[..],
            Quoting::Mboxrd,
            0,
        );
        let all: Vec<_> = s.by_ref().map(|m| m.unwrap()).collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].body_len, 2);
        assert!(all[0].body.is_empty());
        assert_eq!(s.skipped, Some((1, 2)));
        let eml = split("From: a@b\nSubject: s\n\nhello\n", Quoting::Mboxrd);
        assert_eq!(eml.len(), 1);
        assert_eq!(eml[0].header, b"From: a@b\nSubject: s\n");
    }

    #[test]
    fn crlf_and_trailing_separator() {
        let text = "From a@b Thu Nov  1 11:19:12 2001\r\nFrom: a\r\n\r\nline\r\n\r\n\r\nFrom a@b Thu Nov  1 11:19:12 2001\r\nFrom: b\r\n\r\nz\r\n";
        let m = split(text, Quoting::Mboxrd);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].body, b"line\r\n\r\n");
        assert_eq!(m[1].body, b"z\r\n");
    }
}
