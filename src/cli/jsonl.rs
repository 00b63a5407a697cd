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

/// Counts of one stream.
pub(crate) struct Counts {
    pub(crate) records: u64,
    pub(crate) bad: u64,
}

/// Clean one JSONL stream from `input` into `out`.
///
/// This thread only reads and writes: it finds the line ends (lines are slices of the read
/// buffer, not copies) and writes each task's output, all its records' lines in one buffer,
/// with one call. Parsing, cleaning and writing each line happen in the tasks.
pub(crate) fn stream(
    input: &Input,
    out: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>,
    cleaner: &Cleaner,
    cfg: &JsonlConfig,
    pool: &rayon::ThreadPool,
    stats: &mut Stats,
    progress: &indicatif::ProgressBar,
) -> Result<Counts, String> {
    let reader: Box<dyn Read> = match &input.path {
        None => Box::new(std::io::stdin().lock()),
        Some(p) => {
            let f = std::fs::File::open(p).map_err(|e| super::inputs::dechrome_io_message(&e))?;
            if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
                Box::new(flate2::read::MultiGzDecoder::new(f))
            } else {
                Box::new(f)
            }
        }
    };
    let mut lines = Lines::new(reader, cfg.max_record);
    let window = ordered::Window {
        items: pool.current_num_threads().max(1) * CHUNKS_PER_WORKER,
        weight: WINDOW_BYTES,
    };
    let mut counts = Counts { records: 0, bad: 0 };
    let mut line_no = 0u64;
    let mut failure: Option<String> = None;
    let mut write_error: Option<String> = None;
    ordered::map(
        pool,
        window,
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
                        chunk.push((line_no, buf));
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
        |chunk: Vec<(u64, Bytes)>| {
            // Output lines are about the input's size again (the article's text, escaped).
            let size: usize = chunk.iter().map(|(_, l)| 2 * l.len() + 1024).sum();
            let mut bytes = Vec::with_capacity(size);
            let pages = chunk
                .iter()
                .map(|(n, line)| record(*n, line, cleaner, cfg, &mut bytes))
                .collect::<Vec<_>>();
            (bytes, pages)
        },
        |(bytes, pages)| {
            for page in &pages {
                counts.records += 1;
                match page {
                    Some(p) => stats.add(p),
                    None => {
                        counts.bad += 1;
                        stats.fail();
                    }
                }
            }
            progress.inc(pages.len() as u64);
            match out(&bytes) {
                Ok(true) => true,
                Ok(false) => false,
                Err(e) => {
                    write_error = Some(format!("cannot write output: {e}"));
                    false
                }
            }
        },
    );
    if let Some(e) = write_error {
        return Err(e);
    }
    // A read error ends the stream, after every line read before it got its output line.
    match failure {
        Some(e) => Err(e),
        None => Ok(counts),
    }
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

/// Clean one record: append its output line (with its newline) to `out`; its stats unless it
/// failed.
fn record(
    n: u64,
    raw: &[u8],
    cleaner: &Cleaner,
    cfg: &JsonlConfig,
    out: &mut Vec<u8>,
) -> Option<PageStats> {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    // Valid UTF-8 (nearly every record) is checked by the fast validator and borrowed.
    let text = match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(raw),
    };
    if raw.len() as u64 > cfg.max_record {
        error_line(
            out,
            None,
            &format!(
                "line {n}: record is larger than the limit of {} bytes",
                cfg.max_record
            ),
        );
        return None;
    }
    // sonic-rs reads the record (SIMD string scanning; the page field is most of it) into
    // serde_json's `Value`, which keeps the keys in order. A record it refuses is read again
    // by serde_json, whose one-line error message is the one reported.
    let parsed = sonic_rs::from_str::<Value>(&text).or_else(|_| serde_json::from_str(&text));
    let value: Value = match parsed {
        Ok(v) => v,
        Err(e) => {
            error_line(out, Some(&text), &format!("line {n}: not JSON: {e}"));
            return None;
        }
    };
    let Value::Object(mut map) = value else {
        error_line(
            out,
            Some(&text),
            &format!("line {n}: record is not a JSON object"),
        );
        return None;
    };
    let field = match pick_field(&map, cfg.field.as_deref()) {
        Ok(x) => x,
        Err(msg) => {
            let err = serde_json::json!({ "error": format!("line {n}: {msg}") });
            with_dechrome(out, &text, &mut map, |o| {
                serde_json::to_writer(o, &err).expect("values serialise")
            });
            return None;
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
    Some(stats.unwrap_or_default())
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
