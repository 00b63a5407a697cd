//! `clean --jsonl`: one JSON object per line in, the same object with a `dechrome` object added
//! out, exactly one output line per input line, in input order.

use std::io::{Read, Write};

use bytes::{Bytes, BytesMut};

use serde_json::{Map, Value};

use dechrome::{Cleaner, InputMode, Options};

use super::inputs::Input;
use super::ordered;
use super::stats::{PageStats, Stats};

/// What the JSONL stage needs to know besides the cleaner.
pub(crate) struct JsonlConfig {
    pub(crate) field: Option<String>,
    pub(crate) url_field: String,
    pub(crate) input: InputMode,
    pub(crate) options: Options,
    pub(crate) max_record: u64,
    pub(crate) want_stats: bool,
}

/// Tasks in flight (read, not yet written) per worker; bounded memory whatever the stream
/// length.
const CHUNKS_PER_WORKER: usize = 16;
/// A task is this many records at most, or fewer when they add up to `CHUNK_BYTES`.
const CHUNK_LINES: usize = 16;
const CHUNK_BYTES: usize = 64 << 10;
/// Bytes of records in flight at most (a record larger than this is still let in alone).
const WINDOW_BYTES: usize = 32 << 20;
/// A task of a plain file is the records that start in this many bytes of it.
const RANGE_BYTES: u64 = 256 << 10;

/// Counts of one stream.
pub(crate) struct Counts {
    pub(crate) records: u64,
    pub(crate) bad: u64,
}

/// Clean one JSONL stream from `input` into `out`.
///
/// A plain file is cleaned in ranges of bytes: each task reads its own range (the records
/// that start in it), so reading is spread over the workers like cleaning, and this thread
/// only hands out ranges and writes. Standard input, a pipe or a `.gz` file is read by this
/// thread, which finds the line ends (lines are slices of the read buffer, not copies) and
/// hands out a few records per task. Either way each task's output, all its records' lines
/// in one buffer, is written with one call, in input order.
pub(crate) fn stream(
    input: &Input,
    out: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>,
    cleaner: &Cleaner,
    cfg: &JsonlConfig,
    pool: &rayon::ThreadPool,
    stats: &mut Stats,
    progress: &indicatif::ProgressBar,
) -> Result<Counts, String> {
    let writer = Writer::new(out, cleaner, cfg, stats, progress);
    let reader: Box<dyn Read> = match &input.path {
        None => {
            // Standard input redirected from a file (`< pages.jsonl`) is read in ranges too,
            // from where its offset stands, which is then left at the end, as reading would.
            #[cfg(unix)]
            if let Some((f, origin)) = stdin_file() {
                let counts = stream_file(&f, origin, RANGE_BYTES, pool, writer);
                if let Ok(m) = f.metadata() {
                    let _ = std::io::Seek::seek(&mut &f, std::io::SeekFrom::Start(m.len()));
                }
                return counts;
            }
            Box::new(std::io::stdin().lock())
        }
        Some(p) => {
            let f = std::fs::File::open(p).map_err(|e| super::inputs::dechrome_io_message(&e))?;
            if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
                Box::new(flate2::read::MultiGzDecoder::new(f))
            } else if cfg!(unix) && f.metadata().is_ok_and(|m| m.is_file()) {
                return stream_file(&f, 0, RANGE_BYTES, pool, writer);
            } else {
                Box::new(f)
            }
        }
    };
    stream_reader(reader, pool, writer)
}

/// Tasks in flight at most.
fn window(pool: &rayon::ThreadPool) -> ordered::Window {
    ordered::Window {
        items: pool.current_num_threads().max(1) * CHUNKS_PER_WORKER,
        weight: WINDOW_BYTES,
    }
}

/// [`stream`] for what this thread reads.
fn stream_reader(
    reader: impl Read,
    pool: &rayon::ThreadPool,
    mut writer: Writer,
) -> Result<Counts, String> {
    let (cleaner, cfg) = (writer.cleaner, writer.cfg);
    let mut lines = Lines::new(reader, cfg.max_record);
    let mut line_no = 0u64;
    let mut failure: Option<String> = None;
    ordered::map(
        pool,
        window(pool),
        || {
            // A few records per task: one task per small record would spend a tenth of the
            // time waking the writer.
            let mut chunk = Vec::new();
            let mut bytes = 0;
            while failure.is_none() && chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
                match lines.next() {
                    Ok(Some(buf)) => {
                        line_no += 1;
                        bytes += buf.len();
                        chunk.push(buf);
                    }
                    Ok(None) => break,
                    Err(e) => {
                        failure = Some(format!(
                            "line {}: {}",
                            line_no + 1,
                            super::inputs::dechrome_io_message(&e)
                        ))
                    }
                }
            }
            (!chunk.is_empty()).then_some((chunk, bytes))
        },
        |chunk: Vec<Bytes>| clean_lines(&chunk, cleaner, cfg),
        |done| writer.write(done),
    );
    let counts = writer.finish()?;
    // A read error ends the stream, after every line read before it got its output line.
    match failure {
        Some(e) => Err(e),
        None => Ok(counts),
    }
}

/// Standard input as a file, and its offset, when it is a plain file.
#[cfg(unix)]
fn stdin_file() -> Option<(std::fs::File, u64)> {
    use std::os::fd::AsFd;
    let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
    let mut f = std::fs::File::from(fd);
    if !f.metadata().ok()?.is_file() {
        return None;
    }
    let origin = std::io::Seek::stream_position(&mut f).ok()?;
    Some((f, origin))
}

/// [`stream`] for a plain file from byte `origin`, in ranges of `range` bytes.
fn stream_file(
    file: &std::fs::File,
    origin: u64,
    range: u64,
    pool: &rayon::ThreadPool,
    mut writer: Writer,
) -> Result<Counts, String> {
    let (cleaner, cfg) = (writer.cleaner, writer.cfg);
    let mut size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut start = origin;
    ordered::map(
        pool,
        window(pool),
        || {
            if start >= size {
                // Whatever was appended since is read too, as a reader would.
                size = file.metadata().map(|m| m.len()).unwrap_or(size);
                if start >= size {
                    return None;
                }
            }
            let r = (start, start + range);
            start += range;
            Some((r, range as usize))
        },
        |(start, end): (u64, u64)| {
            let limit = cfg.max_record.saturating_add(1);
            let (lines, error) = range_lines(file, origin, start, end, limit);
            let mut done = clean_lines(&lines, cleaner, cfg);
            done.error = error;
            done
        },
        |done| writer.write(done),
    );
    writer.finish()
}

/// A task's output: its records' output lines in order, but for the records whose output
/// names their line (those that failed before being cleaned), which the writer, who knows
/// the line numbers, makes in their place.
struct Done {
    bytes: Vec<u8>,
    /// (offset in `bytes`, index of the record in the task, the record) of each record
    /// left to the writer.
    later: Vec<(usize, usize, Bytes)>,
    /// Per record: its stats, `None` when left to the writer.
    pages: Vec<Option<PageStats>>,
    /// A read error after the task's records (the stream ends there).
    error: Option<std::io::Error>,
}

/// Clean a task's records.
fn clean_lines(lines: &[Bytes], cleaner: &Cleaner, cfg: &JsonlConfig) -> Done {
    // Output lines are about the input's size again (the article's text, escaped).
    let size: usize = lines.iter().map(|l| 2 * l.len() + 1024).sum();
    let mut done = Done {
        bytes: Vec::with_capacity(size),
        later: Vec::new(),
        pages: Vec::with_capacity(lines.len()),
        error: None,
    };
    for (i, line) in lines.iter().enumerate() {
        match record(None, line, cleaner, cfg, &mut done.bytes) {
            Record::Cleaned(s) => done.pages.push(Some(s)),
            Record::Failed => done.pages.push(None),
            Record::Later => {
                done.later.push((done.bytes.len(), i, line.clone()));
                done.pages.push(None);
            }
        }
    }
    done
}

/// Writes tasks' outputs in order, numbering their lines.
struct Writer<'a> {
    out: &'a mut dyn FnMut(&[u8]) -> std::io::Result<bool>,
    cleaner: &'a Cleaner,
    cfg: &'a JsonlConfig,
    stats: &'a mut Stats,
    progress: &'a indicatif::ProgressBar,
    counts: Counts,
    /// The output line of a record left to the writer.
    scratch: Vec<u8>,
    /// Why the stream stopped early, if it did.
    failure: Option<String>,
}

impl<'a> Writer<'a> {
    fn new(
        out: &'a mut dyn FnMut(&[u8]) -> std::io::Result<bool>,
        cleaner: &'a Cleaner,
        cfg: &'a JsonlConfig,
        stats: &'a mut Stats,
        progress: &'a indicatif::ProgressBar,
    ) -> Writer<'a> {
        Writer {
            out,
            cleaner,
            cfg,
            stats,
            progress,
            counts: Counts { records: 0, bad: 0 },
            scratch: Vec::new(),
            failure: None,
        }
    }

    /// Write one task's output; false to stop the stream (the reader went away, writing
    /// failed, or the task met a read error).
    fn write(&mut self, done: Done) -> bool {
        let Done {
            bytes,
            later,
            pages,
            error,
        } = done;
        let first = self.counts.records;
        let n_pages = pages.len() as u64;
        let mut at = 0;
        let mut later = later.iter().peekable();
        for (i, page) in pages.into_iter().enumerate() {
            let page = match later.next_if(|l| l.1 == i) {
                None => page,
                Some((offset, _, raw)) => {
                    if !self.put(&bytes[at..*offset]) {
                        return false;
                    }
                    at = *offset;
                    self.scratch.clear();
                    let n = first + i as u64 + 1;
                    let r = record(Some(n), raw, self.cleaner, self.cfg, &mut self.scratch);
                    let line = std::mem::take(&mut self.scratch);
                    let ok = self.put(&line);
                    self.scratch = line;
                    if !ok {
                        return false;
                    }
                    match r {
                        Record::Cleaned(s) => Some(s),
                        Record::Failed | Record::Later => None,
                    }
                }
            };
            self.counts.records += 1;
            match page {
                Some(p) => self.stats.add(&p),
                None => {
                    self.counts.bad += 1;
                    self.stats.fail();
                }
            }
        }
        self.progress.inc(n_pages);
        if !self.put(&bytes[at..]) {
            return false;
        }
        if let Some(e) = error {
            self.failure = Some(format!(
                "line {}: {}",
                self.counts.records + 1,
                super::inputs::dechrome_io_message(&e)
            ));
            return false;
        }
        true
    }

    fn put(&mut self, bytes: &[u8]) -> bool {
        if bytes.is_empty() {
            return true;
        }
        match (self.out)(bytes) {
            Ok(going) => going,
            Err(e) => {
                self.failure = Some(format!("cannot write output: {e}"));
                false
            }
        }
    }

    fn finish(self) -> Result<Counts, String> {
        match self.failure {
            Some(e) => Err(e),
            None => Ok(self.counts),
        }
    }
}

/// The lines of `file` read from `origin` that start in its bytes `start..end`, each with
/// its newline (the last line of the file may lack one) and at most `limit` bytes long (the
/// rest of a longer line is skipped unread into memory, as [`Lines`] does). A line that
/// starts in the range is read to its end, past `end` if need be. A read error ends the
/// lines there.
fn range_lines(
    file: &std::fs::File,
    origin: u64,
    start: u64,
    end: u64,
    limit: u64,
) -> (Vec<Bytes>, Option<std::io::Error>) {
    // From the byte before `start`: whether a line starts at `start` is whether it is a
    // newline (a line starts at `origin`).
    let from = if start == origin { start } else { start - 1 };
    let mut buf = vec![0u8; (end - from) as usize];
    let n = match read_full_at(file, &mut buf, from) {
        Ok(n) => n,
        Err(e) => return (Vec::new(), Some(e)),
    };
    let eof = n < buf.len();
    buf.truncate(n);
    let buf = Bytes::from(buf);
    let cut = |line: Bytes| {
        if line.len() as u64 > limit {
            line.slice(..limit as usize)
        } else {
            line
        }
    };
    let mut lines = Vec::new();
    let mut i = if start == origin {
        0
    } else {
        match memchr::memchr(b'\n', &buf) {
            Some(j) => j + 1,
            None => return (lines, None),
        }
    };
    // `buf` ends at `end` (or at the end of the file): every `i` below it starts a line of
    // the range.
    while i < buf.len() {
        match memchr::memchr(b'\n', &buf[i..]) {
            Some(k) => {
                lines.push(cut(buf.slice(i..i + k + 1)));
                i += k + 1;
            }
            None if eof => {
                lines.push(cut(buf.slice(i..)));
                break;
            }
            None => {
                match line_past(file, &buf[i..], from + buf.len() as u64, limit) {
                    Ok(line) => lines.push(line),
                    Err(e) => return (lines, Some(e)),
                }
                break;
            }
        }
    }
    (lines, None)
}

/// The rest of a line that runs past a range: `head` is its start, `pos` where it goes on.
/// At most `limit` bytes are kept.
fn line_past(
    file: &std::fs::File,
    head: &[u8],
    mut pos: u64,
    limit: u64,
) -> std::io::Result<Bytes> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut line = head[..head.len().min(limit)].to_vec();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let n = read_at(file, &mut chunk, pos)?;
        if n == 0 {
            break;
        }
        let (part, done) = match memchr::memchr(b'\n', &chunk[..n]) {
            Some(k) => (&chunk[..=k], true),
            None => (&chunk[..n], false),
        };
        let room = limit.saturating_sub(line.len());
        line.extend_from_slice(&part[..part.len().min(room)]);
        if done {
            break;
        }
        pos += n as u64;
    }
    Ok(Bytes::from(line))
}

/// Read at `pos` until `buf` is full or the file ends; the bytes read.
fn read_full_at(file: &std::fs::File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match read_at(file, &mut buf[filled..], pos + filled as u64)? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// One positional read (retried when interrupted); files are read this way on Unix only.
#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    use std::os::unix::fs::FileExt;
    loop {
        match file.read_at(buf, pos) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            r => return r,
        }
    }
}

#[cfg(not(unix))]
fn read_at(_: &std::fs::File, _: &mut [u8], _: u64) -> std::io::Result<usize> {
    unreachable!("files are read in ranges on Unix only")
}

/// A fresh read buffer's size; a line still open at its end is copied to the next one (so
/// a line is copied at most once per this many bytes, and lines longer than it grow it).
const READ_BUF: usize = 1 << 20;
/// One `read` asks for this much at most (the buffer is zeroed that far first).
const READ_CHUNK: usize = 128 << 10;

/// The lines of a stream, each a slice of a shared read buffer (the end of the buffer is
/// handed out while later reads fill the rest).
///
/// A line is returned with its newline; the last line may lack one. A line longer than
/// `max_record` is kept only up to `max_record + 1` bytes (the rest is skipped unread into
/// memory), so it is reported as too large without ever being held whole.
struct Lines<R> {
    src: R,
    /// Read, not yet returned.
    buf: BytesMut,
    /// Bytes of `buf` already searched for a newline.
    scan: usize,
    eof: bool,
    limit: u64,
    /// The first `limit` bytes of a line being skipped to its end.
    skipped: Option<Vec<u8>>,
}

impl<R: Read> Lines<R> {
    fn new(src: R, max_record: u64) -> Lines<R> {
        Lines {
            src,
            buf: BytesMut::new(),
            scan: 0,
            eof: false,
            limit: max_record.saturating_add(1),
            skipped: None,
        }
    }

    /// The next line; `None` at the end of the stream.
    fn next(&mut self) -> std::io::Result<Option<Bytes>> {
        loop {
            if self.skipped.is_some() {
                if let Some(i) = memchr::memchr(b'\n', &self.buf) {
                    let _ = self.buf.split_to(i + 1);
                    return Ok(self.skipped.take().map(Bytes::from));
                }
                self.buf.clear();
                if self.eof {
                    return Ok(self.skipped.take().map(Bytes::from));
                }
            } else {
                if let Some(i) = memchr::memchr(b'\n', &self.buf[self.scan..]) {
                    let end = self.scan + i + 1;
                    self.scan = 0;
                    let line = self.buf.split_to(end).freeze();
                    return Ok(Some(if line.len() as u64 > self.limit {
                        line.slice(..self.limit as usize)
                    } else {
                        line
                    }));
                }
                self.scan = self.buf.len();
                if self.buf.len() as u64 >= self.limit {
                    self.skipped = Some(self.buf[..self.limit as usize].to_vec());
                    self.buf.clear();
                    self.scan = 0;
                    continue;
                }
                if self.eof {
                    if self.buf.is_empty() {
                        return Ok(None);
                    }
                    self.scan = 0;
                    return Ok(Some(self.buf.split().freeze()));
                }
            }
            self.fill()?;
        }
    }

    /// One `read` into the buffer's free space (a fresh buffer when little is left).
    fn fill(&mut self) -> std::io::Result<()> {
        let len = self.buf.len();
        if self.buf.capacity() - len < READ_CHUNK / 2 {
            let mut fresh = BytesMut::with_capacity(READ_BUF.max(2 * len));
            fresh.extend_from_slice(&self.buf);
            self.buf = fresh;
        }
        let n = (self.buf.capacity() - len).min(READ_CHUNK);
        self.buf.resize(len + n, 0);
        loop {
            match self.src.read(&mut self.buf[len..]) {
                Ok(k) => {
                    self.buf.truncate(len + k);
                    self.eof = k == 0;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(len);
                    return Err(e);
                }
            }
        }
    }
}

/// What became of a record.
enum Record {
    Cleaned(PageStats),
    /// Its output line holds the error.
    Failed,
    /// It failed, and its error names its line, whose number the caller did not give: no
    /// output line yet.
    Later,
}

/// Clean one record, line `n` of its stream: append its output line (with its newline) to
/// `out`.
fn record(
    n: Option<u64>,
    raw: &[u8],
    cleaner: &Cleaner,
    cfg: &JsonlConfig,
    out: &mut Vec<u8>,
) -> Record {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    // Valid UTF-8 (nearly every record) is checked by the fast validator and borrowed.
    let text = match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(raw),
    };
    if raw.len() as u64 > cfg.max_record {
        let Some(n) = n else {
            return Record::Later;
        };
        error_line(
            out,
            None,
            &format!(
                "line {n}: record is larger than the limit of {} bytes",
                cfg.max_record
            ),
        );
        return Record::Failed;
    }
    // sonic-rs reads the record (SIMD string scanning; the page field is most of it) into
    // serde_json's `Value`, which keeps the keys in order. A record it refuses is read again
    // by serde_json, whose one-line error message is the one reported.
    let parsed = sonic_rs::from_str::<Value>(&text).or_else(|_| serde_json::from_str(&text));
    let value: Value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let Some(n) = n else {
                return Record::Later;
            };
            error_line(out, Some(&text), &format!("line {n}: not JSON: {e}"));
            return Record::Failed;
        }
    };
    let Value::Object(mut map) = value else {
        let Some(n) = n else {
            return Record::Later;
        };
        error_line(
            out,
            Some(&text),
            &format!("line {n}: record is not a JSON object"),
        );
        return Record::Failed;
    };
    let field = match pick_field(&map, cfg.field.as_deref()) {
        Ok(x) => x,
        Err(msg) => {
            let Some(n) = n else {
                return Record::Later;
            };
            let err = serde_json::json!({ "error": format!("line {n}: {msg}") });
            with_dechrome(out, &text, &mut map, |o| {
                serde_json::to_writer(o, &err).expect("values serialise")
            });
            return Record::Failed;
        }
    };
    let mut options = cfg.options.clone();
    if let Some(url) = map.get(&cfg.url_field).and_then(Value::as_str) {
        options = options.url(url);
    }
    let mode = match (cfg.input, field.as_str()) {
        (InputMode::Auto, "html") => InputMode::Html,
        (InputMode::Auto, "text") => InputMode::Text,
        (m, _) => m,
    };
    options = options.input(mode);
    // The page is moved out of the record while it is cleaned, and back for the output.
    let content = match map.get_mut(&field) {
        Some(Value::String(slot)) => std::mem::take(slot),
        _ => String::new(), // not reached: pick_field found a string there
    };
    let article = cleaner.clean(&content, &options);
    let stats = cfg
        .want_stats
        .then(|| PageStats::of(&article, content.len()));
    if let Some(Value::String(slot)) = map.get_mut(&field) {
        *slot = content;
    }
    with_dechrome(out, &text, &mut map, |o| article.write_json(o));
    Record::Cleaned(stats.unwrap_or_default())
}

/// The name of the string field to clean: `field`, else `html`, else `text`.
fn pick_field(map: &Map<String, Value>, field: Option<&str>) -> Result<String, String> {
    let names: Vec<&str> = match field {
        Some(f) => vec![f],
        None => vec!["html", "text"],
    };
    for name in &names {
        match map.get(*name) {
            Some(Value::String(_)) => return Ok(name.to_string()),
            Some(_) => return Err(format!("field \"{name}\" is not a string")),
            None => {}
        }
    }
    Err(match field {
        Some(f) => format!("no field \"{f}\""),
        None => "no \"html\" or \"text\" field (choose one with --field)".to_string(),
    })
}

/// Append the input object with `"dechrome": value` added (`value` writes serialised JSON)
/// and a newline. When the record has no `dechrome` key, the original bytes are kept as they
/// are and the key is appended before the closing brace.
fn with_dechrome(
    out: &mut Vec<u8>,
    text: &str,
    map: &mut Map<String, Value>,
    value: impl FnOnce(&mut Vec<u8>),
) {
    let trimmed = text.trim_end();
    if !map.contains_key("dechrome") && trimmed.ends_with('}') {
        out.extend_from_slice(trimmed[..trimmed.len() - 1].trim_end().as_bytes());
        if !map.is_empty() {
            out.push(b',');
        }
        out.extend_from_slice(b"\"dechrome\":");
        value(out);
        out.push(b'}');
    } else {
        let mut json = Vec::new();
        value(&mut json);
        let value: Value = serde_json::from_slice(&json).expect("dechrome object is JSON");
        map.insert("dechrome".to_string(), value);
        serde_json::to_writer(&mut *out, &*map).expect("values serialise");
    }
    out.push(b'\n');
}

fn error_line(out: &mut Vec<u8>, raw: Option<&str>, msg: &str) {
    let mut obj = Map::new();
    if let Some(r) = raw {
        obj.insert("raw".to_string(), Value::String(r.to_string()));
    }
    obj.insert("dechrome".to_string(), serde_json::json!({ "error": msg }));
    serde_json::to_writer(&mut *out, &obj).expect("values serialise");
    out.push(b'\n');
}

/// Write helper for streams: returns Ok(false) when the reader went away.
pub(crate) fn write_to(w: &mut dyn Write, bytes: &[u8]) -> std::io::Result<bool> {
    match w.write_all(bytes) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes with lines of every awkward kind: empty, CRLF, one byte, longer than the limit
    /// (some much longer, over many ranges), at and around range boundaries.
    fn awkward(seed: u64, n: usize) -> Vec<u8> {
        // A small LCG: the cases are the same on every run.
        let mut x = seed;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let mut out = Vec::new();
        for i in 0..n {
            let len = match next(6) {
                0 => 0,
                1 => 1,
                2 => next(8) as usize,
                3 => 40 + next(200) as usize,
                4 => 500 + next(3000) as usize,
                _ => 10 + next(30) as usize,
            };
            out.extend((0..len).map(|k| b'a' + ((i + k) % 26) as u8));
            if next(7) == 0 {
                out.push(b'\r');
            }
            out.push(b'\n');
        }
        out
    }

    fn reader_lines(bytes: &[u8], limit: u64) -> Vec<Bytes> {
        let mut lines = Lines::new(bytes, limit - 1);
        std::iter::from_fn(|| lines.next().unwrap()).collect()
    }

    fn file_of(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f.flush().unwrap();
        f
    }

    #[test]
    fn ranges_of_a_file_give_the_lines_a_reader_gives() {
        for (seed, n) in [(1, 0), (2, 1), (3, 5), (4, 60), (5, 300)] {
            let mut bytes = awkward(seed, n);
            for variant in 0..3 {
                match variant {
                    1 => {
                        // No newline at the end.
                        bytes.pop();
                    }
                    2 => bytes.extend_from_slice(b"\n\n"),
                    _ => {}
                }
                let f = file_of(&bytes);
                let file = std::fs::File::open(f.path()).unwrap();
                // From the start, or from an offset a redirected stdin was left at (in a line
                // or at its start).
                for origin in [0u64, 1, 13] {
                    let Some(rest) = bytes.get(origin as usize..) else {
                        continue;
                    };
                    for limit in [1, 2, 64, 1000, u64::MAX] {
                        let want = reader_lines(rest, limit);
                        for range in [1u64, 2, 3, 7, 64, 999, 1 << 20] {
                            if range < 7 && (n > 60 || origin > 0) {
                                continue; // the smaller cases have them all
                            }
                            let mut got = Vec::new();
                            let mut start = origin;
                            while start < bytes.len() as u64 {
                                let (lines, err) =
                                    range_lines(&file, origin, start, start + range, limit);
                                assert!(err.is_none());
                                got.extend(lines);
                                start += range;
                            }
                            assert!(
                                got == want,
                                "seed {seed}, variant {variant}, origin {origin}, limit {limit}, \
                                 range {range}: {} lines, want {}",
                                got.len(),
                                want.len()
                            );
                        }
                    }
                }
            }
        }
    }

    fn cfg() -> JsonlConfig {
        JsonlConfig {
            field: None,
            url_field: "url".to_string(),
            input: InputMode::Auto,
            options: Options::default(),
            max_record: 2_000,
            want_stats: true,
        }
    }

    /// What a stream writes, and its counts.
    fn run(
        go: impl FnOnce(
            &mut dyn FnMut(&[u8]) -> std::io::Result<bool>,
            &mut Stats,
        ) -> Result<Counts, String>,
    ) -> (String, u64, u64, String) {
        let mut out = Vec::new();
        let mut stats = Stats::new();
        let counts = go(
            &mut |b: &[u8]| {
                out.extend_from_slice(b);
                Ok(true)
            },
            &mut stats,
        )
        .unwrap();
        // The report less its time line.
        let report = stats
            .report()
            .lines()
            .filter(|l| !l.starts_with("time:"))
            .collect::<Vec<_>>()
            .join("\n");
        (
            String::from_utf8(out).unwrap(),
            counts.records,
            counts.bad,
            report,
        )
    }

    #[test]
    fn a_file_in_ranges_is_written_as_the_read_stream_is() {
        let page = "Rain Falls On The City\nThe rain fell on the city all day, and the river rose above its banks by the evening.\nConnect us on LinkedIn Quora Youtube RSS\n";
        let mut lines = Vec::new();
        for i in 0..120 {
            lines.push(match i % 9 {
                // Each kind of failure names its line, whichever task it falls in.
                1 => "not json".to_string(),
                3 => String::new(),
                4 => "[1, 2]".to_string(),
                5 => serde_json::json!({"id": i, "body": "no page"}).to_string(),
                6 => serde_json::json!({"id": i, "text": "x".repeat(3_000)}).to_string(),
                _ => serde_json::json!({"id": i, "text": page.repeat(1 + i % 4)}).to_string(),
            });
        }
        let bytes = (lines.join("\n") + "\n").into_bytes();
        let cleaner = Cleaner::new();
        let cfg = cfg();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let hidden = indicatif::ProgressBar::hidden();
        let want = run(|out, stats| {
            let writer = Writer::new(out, &cleaner, &cfg, stats, &hidden);
            stream_reader(&bytes[..], &pool, writer)
        });
        assert_eq!(want.1, 120);
        assert_eq!(
            want.2,
            (0..120)
                .filter(|i| [1, 3, 4, 5, 6].contains(&(i % 9)))
                .count() as u64
        );
        assert!(want.0.contains("\"line 2: not JSON"), "{:.300}", want.0);
        assert!(want.0.contains("\"line 115: record is larger"));
        let f = file_of(&bytes);
        let file = std::fs::File::open(f.path()).unwrap();
        for range in [1, 100, 1_000, 4_096, 1 << 20] {
            let got = run(|out, stats| {
                let writer = Writer::new(out, &cleaner, &cfg, stats, &hidden);
                stream_file(&file, 0, range, &pool, writer)
            });
            assert!(got == want, "range {range}");
        }
    }
}
