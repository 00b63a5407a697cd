//! `dechrome clean`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use dechrome::{Cleaner, InputMode, Options};

use super::inputs::{self, Input};
use super::jsonl::{self, JsonlConfig};
use super::ordered;
use super::output::{self, Stdout};
use super::stats::{self, PageStats, Stats};
use super::{Fatal, InputArg, Outcome, RuleArgs};

#[derive(Args, Debug)]
pub(crate) struct CleanArgs {
    /// Files or folders to clean; `-` or nothing reads standard input. Folders are searched
    /// recursively (hidden entries skipped); `.gz` files are decompressed.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// How to read inputs.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
    /// What to print: the body as text, Markdown (title, summary, body), or JSON (everything,
    /// one object per line, with the ledger of removals).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The page URL: its host picks the site rule set.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Write one output file per input below DIR, at the input's relative path with the
    /// format's extension (a/b.html → DIR/a/b.txt). Inputs are never overwritten.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// With --out-dir: flush each output file to disk (fsync) before it replaces the old one,
    /// so it also survives a power loss. Files are written atomically either way (temporary
    /// file, then rename: an interrupted run never leaves half a file); without this the
    /// kernel writes them back in its own time, which is many times faster on big batches.
    #[arg(long, requires = "out_dir")]
    fsync: bool,
    /// Parallel workers (default: all cores). Output order does not depend on it.
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// Largest input (or JSONL record) accepted, in bytes; larger ones fail with an error.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    max_size: u64,
    /// Inputs are JSON Lines: clean each record's `html` or `text` field and write the record
    /// back with a `dechrome` object added (title, summary, body, meta, site, removed), one
    /// output line per input line, in order. A bad record gets `dechrome.error` and the stream
    /// goes on (exit code 0; the count is reported on stderr).
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: the field holding the page (default: `html`, else `text`).
    #[arg(long, value_name = "NAME", requires = "jsonl")]
    field: Option<String>,
    /// With --jsonl: the field holding the page URL.
    #[arg(long, value_name = "NAME", default_value = "url", requires = "jsonl")]
    url_field: String,
    /// Print a summary on stderr at the end: pages, bytes, failures, share of text removed,
    /// blocks per rule, time and throughput.
    #[arg(long)]
    stats: bool,
    /// Never show the progress bar (it is shown only when stderr is a terminal and there is
    /// more than one input).
    #[arg(long)]
    no_progress: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The article body: paragraphs separated by a blank line.
    Text,
    /// Title, summary and body as Markdown.
    Markdown,
    /// One JSON object per input: title, summary, body, meta, site, input, removed.
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

struct Done {
    bytes: Vec<u8>,
    warnings: Vec<String>,
    stats: Option<PageStats>,
}

pub(crate) fn run(args: CleanArgs) -> Result<Outcome, Fatal> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Fatal(format!("cannot start worker threads: {e}")))?;
    // What start-up compiles, the bundled rule sets and (for text pages) what the text
    // heuristics compile on first use, is shared out between the workers and this thread,
    // instead of this thread compiling the sets while the workers wait, and the first pages
    // waiting on the heuristics' lazy values one worker at a time.
    let text = args.jsonl || InputMode::from(args.input) == InputMode::Text;
    let warmup = std::sync::Arc::new(dechrome::__private::Warmup::new(
        !args.rules.no_builtin,
        text,
    ));
    for _ in 0..pool.current_num_threads() {
        let w = warmup.clone();
        pool.spawn(move || w.run());
    }
    warmup.run();
    let cleaner = args.rules.cleaner()?;
    let mut options = Options::default().input(args.input.into());
    if let Some(u) = &args.url {
        options = options.url(u.clone());
    }
    if let Some(s) = &args.rules.site {
        options = options.site(s.clone());
    }
    let (list, list_errors) = inputs::expand(&args.inputs, args.out_dir.as_deref());
    let mut failed = !list_errors.is_empty();
    for e in &list_errors {
        output::error(&format!("{}: {}", e.path, e.message));
    }
    let mut stats = Stats::new();
    if args.jsonl {
        failed |= run_jsonl(&args, &list, &cleaner, options, &pool, &mut stats)?;
    } else {
        failed |= run_pages(&args, &list, &cleaner, &options, &pool, &mut stats)?;
    }
    if args.stats {
        let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), stats.report().as_bytes());
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

/// Pages in flight (being cleaned or waiting for their turn to be written) per worker.
const PAGES_PER_WORKER: usize = 16;

/// Clean whole-page inputs. Returns whether any failed.
fn run_pages(
    args: &CleanArgs,
    list: &[Input],
    cleaner: &Cleaner,
    options: &Options,
    pool: &rayon::ThreadPool,
    stats: &mut Stats,
) -> Result<bool, Fatal> {
    let mut failed = false;
    let protected: HashSet<PathBuf> = if args.out_dir.is_some() {
        list.iter()
            .filter_map(|i| i.path.as_ref()?.canonicalize().ok())
            .collect()
    } else {
        HashSet::new()
    };
    let many = list.len() > 1;
    let progress = stats::progress(Some(list.len() as u64), many && !args.no_progress);
    let mut stdout = Stdout::new();
    let window = ordered::Window {
        items: pool.current_num_threads().max(1) * PAGES_PER_WORKER,
        weight: usize::MAX,
    };
    let mut todo = list.iter();
    let mut write_error = None;
    ordered::map(
        pool,
        window,
        || todo.next().map(|input| (input, 1)),
        |input: &Input| {
            let res = process(input, cleaner, options, args, many, &protected);
            (input, res)
        },
        |(input, res)| {
            progress.inc(1);
            match res {
                Ok(done) => {
                    for w in &done.warnings {
                        progress.suspend(|| output::warn(&format!("{}: {w}", input.display())));
                    }
                    if let Some(s) = &done.stats {
                        stats.add(s);
                    }
                    if args.out_dir.is_none() {
                        if let Err(e) = stdout.write(&done.bytes) {
                            write_error = Some(Fatal(format!("cannot write output: {e}")));
                            return false;
                        }
                    }
                }
                Err(msg) => {
                    failed = true;
                    stats.fail();
                    progress.suspend(|| output::error(&format!("{}: {msg}", input.display())));
                }
            }
            !stdout.closed()
        },
    );
    if let Some(e) = write_error {
        return Err(e);
    }
    progress.finish_and_clear();
    stdout
        .flush()
        .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
    Ok(failed)
}

/// Clean JSONL streams. Returns whether any stream failed (bad records do not count).
fn run_jsonl(
    args: &CleanArgs,
    list: &[Input],
    cleaner: &Cleaner,
    options: Options,
    pool: &rayon::ThreadPool,
    stats: &mut Stats,
) -> Result<bool, Fatal> {
    let cfg = JsonlConfig {
        field: args.field.clone(),
        url_field: args.url_field.clone(),
        input: args.input.into(),
        options,
        max_record: args.max_size,
        want_stats: args.stats,
    };
    let progress = stats::progress(None, !args.no_progress);
    let mut failed = false;
    let mut bad = 0;
    let mut records = 0;
    let mut stdout = Stdout::new();
    for input in list {
        let result = match &args.out_dir {
            None => {
                let mut sink = |b: &[u8]| -> std::io::Result<bool> {
                    stdout.write(b)?;
                    Ok(!stdout.closed())
                };
                jsonl::stream(input, &mut sink, cleaner, &cfg, pool, stats, &progress)
            }
            Some(dir) => {
                let path = inputs::out_path(dir, &input.rel, "jsonl");
                jsonl_to_file(input, &path, cleaner, &cfg, pool, stats, &progress)
            }
        };
        match result {
            Ok(c) => {
                bad += c.bad;
                records += c.records;
            }
            Err(msg) => {
                failed = true;
                progress.suspend(|| output::error(&format!("{}: {msg}", input.display())));
            }
        }
        if stdout.closed() {
            break;
        }
    }
    progress.finish_and_clear();
    stdout
        .flush()
        .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
    if bad > 0 {
        output::warn(&format!(
            "{bad} of {records} record(s) could not be cleaned; see their dechrome.error"
        ));
    }
    Ok(failed)
}

#[allow(clippy::too_many_arguments)]
fn jsonl_to_file(
    input: &Input,
    path: &Path,
    cleaner: &Cleaner,
    cfg: &JsonlConfig,
    pool: &rayon::ThreadPool,
    stats: &mut Stats,
    progress: &indicatif::ProgressBar,
) -> Result<jsonl::Counts, String> {
    if let (Some(src), Ok(dst)) = (&input.path, path.canonicalize()) {
        if src.canonicalize().is_ok_and(|s| s == dst) {
            return Err(format!(
                "output {} would overwrite an input; choose another --out-dir",
                path.display()
            ));
        }
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "cannot create {}: {}",
            dir.display(),
            inputs::dechrome_io_message(&e)
        )
    })?;
    let (tmp, _pending) = output::temp_in(dir).map_err(|e| {
        format!(
            "cannot write in {}: {}",
            dir.display(),
            inputs::dechrome_io_message(&e)
        )
    })?;
    let mut w = std::io::BufWriter::new(tmp);
    let counts = {
        let mut sink = |b: &[u8]| jsonl::write_to(&mut w, b);
        jsonl::stream(input, &mut sink, cleaner, cfg, pool, stats, progress)?
    };
    let tmp = w
        .into_inner()
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error()))?;
    tmp.persist(path).map_err(|e| {
        format!(
            "cannot write {}: {}",
            path.display(),
            inputs::dechrome_io_message(&e.error)
        )
    })?;
    Ok(counts)
}

fn process(
    input: &Input,
    cleaner: &Cleaner,
    options: &Options,
    args: &CleanArgs,
    many: bool,
    protected: &HashSet<PathBuf>,
) -> Result<Done, String> {
    let bytes = inputs::read(input, args.max_size)?;
    let decoded = dechrome::decode_input(&bytes, args.input.into());
    let mut warnings = Vec::new();
    if decoded.replaced() > 0 {
        warnings.push(format!(
            "invalid {}: {} byte sequence(s) replaced with U+FFFD",
            decoded.encoding(),
            decoded.replaced()
        ));
    }
    let article = cleaner.clean(decoded.text(), options);
    let stats = args.stats.then(|| PageStats::of(&article, bytes.len()));
    let mut out = Vec::new();
    let name = input.display();
    match args.format {
        Format::Json => {
            let json = article.to_json();
            out.extend_from_slice(b"{\"path\":");
            out.extend_from_slice(serde_json_string(&name).as_bytes());
            out.push(b',');
            out.extend_from_slice(&json.as_bytes()[1..]);
            out.push(b'\n');
        }
        Format::Text | Format::Markdown => {
            if many && args.out_dir.is_none() {
                out.extend_from_slice(format!("==> {name} <==\n").as_bytes());
            }
            let text = if args.format == Format::Text {
                let mut b = article.body().to_string();
                if !b.is_empty() {
                    b.push('\n');
                }
                b
            } else {
                article.to_markdown()
            };
            out.extend_from_slice(text.as_bytes());
            if many && args.out_dir.is_none() {
                out.push(b'\n');
            }
        }
    }
    if let Some(dir) = &args.out_dir {
        let path = inputs::out_path(dir, &input.rel, args.format.extension());
        refuse_overwrite(&path, protected)?;
        output::write_atomic(&path, &out, args.fsync).map_err(|e| {
            format!(
                "cannot write {}: {}",
                path.display(),
                inputs::dechrome_io_message(&e)
            )
        })?;
        out.clear();
    }
    Ok(Done {
        bytes: out,
        warnings,
        stats,
    })
}

fn refuse_overwrite(path: &Path, protected: &HashSet<PathBuf>) -> Result<(), String> {
    if let Ok(c) = path.canonicalize() {
        if protected.contains(&c) {
            return Err(format!(
                "output {} would overwrite an input; choose another --out-dir",
                path.display()
            ));
        }
    }
    Ok(())
}

fn serde_json_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}
