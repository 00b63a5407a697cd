//! `clean --jsonl`: one JSON object per line in, the same object with a `dechrome` object added
//! out, exactly one output line per input line, in input order.

use std::io::{BufRead, BufReader, Read, Write};

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
    let mut reader = BufReader::with_capacity(1 << 20, reader);
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
                match read_line(&mut reader, line_no, cfg.max_record) {
                    Ok(Some(buf)) => {
                        line_no += 1;
                        bytes += buf.len();
                        chunk.push((line_no, buf));
                    }
                    Ok(None) => break,
                    Err(e) => failure = Some(e),
                }
            }
            (!chunk.is_empty()).then_some((chunk, bytes))
        },
        |chunk: Vec<(u64, Vec<u8>)>| {
            chunk
                .iter()
                .map(|(n, line)| record(*n, line, cleaner, cfg))
                .collect::<Vec<_>>()
        },
        |cleaned| {
            for (bytes, page) in cleaned {
                counts.records += 1;
                match page {
                    Some(p) => stats.add(&p),
                    None => {
                        counts.bad += 1;
                        stats.fail();
                    }
                }
                progress.inc(1);
                match out(&bytes) {
                    Ok(true) => {}
                    Ok(false) => return false,
                    Err(e) => {
                        write_error = Some(format!("cannot write output: {e}"));
                        return false;
                    }
                }
            }
            true
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

/// One cleaned record: its output line and, unless it failed, its stats.
type Cleaned = (Vec<u8>, Option<PageStats>);

/// Read the next line (numbered `line_no + 1`); `None` at the end of the stream. A line longer
/// than `max_record` is kept only up to `max_record + 1` bytes (the rest is skipped unread into
/// memory), so it is reported as too large without ever being held whole.
fn read_line(
    reader: &mut impl BufRead,
    line_no: u64,
    max_record: u64,
) -> Result<Option<Vec<u8>>, String> {
    let limit = max_record.saturating_add(1);
    let mut buf = Vec::new();
    let read = (&mut *reader).take(limit).read_until(b'\n', &mut buf);
    let read = match read {
        Ok(n) if n > 0 && buf.last() != Some(&b'\n') && n as u64 >= limit => {
            skip_line(reader).map(|()| n)
        }
        r => r,
    };
    match read {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(buf)),
        Err(e) => Err(format!(
            "line {}: {}",
            line_no + 1,
            super::inputs::dechrome_io_message(&e)
        )),
    }
}

/// Skip the rest of the current line (through its newline), a buffer at a time.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = memchr::memchr(b'\n', buf) {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        reader.consume(n);
    }
}

/// Clean one record. Returns the output line (with its newline) and, on success, its stats.
fn record(n: u64, raw: &[u8], cleaner: &Cleaner, cfg: &JsonlConfig) -> Cleaned {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    // Valid UTF-8 (nearly every record) is checked by the fast validator and borrowed.
    let text = match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(raw),
    };
    if raw.len() as u64 > cfg.max_record {
        return (
            error_line(
                None,
                &format!(
                    "line {n}: record is larger than the limit of {} bytes",
                    cfg.max_record
                ),
            ),
            None,
        );
    }
    // sonic-rs reads the record (SIMD string scanning; the page field is most of it) into
    // serde_json's `Value`, which keeps the keys in order. A record it refuses is read again
    // by serde_json, whose one-line error message is the one reported.
    let parsed = sonic_rs::from_str::<Value>(&text).or_else(|_| serde_json::from_str(&text));
    let value: Value = match parsed {
        Ok(v) => v,
        Err(e) => {
            return (
                error_line(Some(&text), &format!("line {n}: not JSON: {e}")),
                None,
            );
        }
    };
    let Value::Object(mut map) = value else {
        return (
            error_line(
                Some(&text),
                &format!("line {n}: record is not a JSON object"),
            ),
            None,
        );
    };
    let field = match pick_field(&map, cfg.field.as_deref()) {
        Ok(x) => x,
        Err(msg) => {
            let err = serde_json::json!({ "error": format!("line {n}: {msg}") });
            return (with_dechrome(&text, &mut map, &err.to_string()), None);
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
    (
        with_dechrome(&text, &mut map, &article.to_json()),
        Some(stats.unwrap_or_default()),
    )
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

/// The input object with `"dechrome": value` added (`value` is serialised JSON). When the
/// record has no `dechrome` key, the original bytes are kept as they are and the key is
/// appended before the closing brace.
fn with_dechrome(text: &str, map: &mut Map<String, Value>, value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + value.len() + 16);
    let trimmed = text.trim_end();
    if !map.contains_key("dechrome") && trimmed.ends_with('}') {
        out.extend_from_slice(trimmed[..trimmed.len() - 1].trim_end().as_bytes());
        if !map.is_empty() {
            out.push(b',');
        }
        out.extend_from_slice(b"\"dechrome\":");
        out.extend_from_slice(value.as_bytes());
        out.push(b'}');
    } else {
        let value: Value = serde_json::from_str(value).expect("dechrome object is JSON");
        map.insert("dechrome".to_string(), value);
        serde_json::to_writer(&mut out, &*map).expect("values serialise");
    }
    out.push(b'\n');
    out
}

fn error_line(raw: Option<&str>, msg: &str) -> Vec<u8> {
    let mut obj = Map::new();
    if let Some(r) = raw {
        obj.insert("raw".to_string(), Value::String(r.to_string()));
    }
    obj.insert("dechrome".to_string(), serde_json::json!({ "error": msg }));
    let mut out = serde_json::to_vec(&obj).expect("values serialise");
    out.push(b'\n');
    out
}

/// Write helper for streams: returns Ok(false) when the reader went away.
pub(crate) fn write_to(w: &mut dyn Write, bytes: &[u8]) -> std::io::Result<bool> {
    match w.write_all(bytes) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}
