//! `dechrome clean`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use dechrome::{Cleaner, Options};

use super::inputs::{self, Input};
use super::output::{self, Stdout};
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
    /// Parallel workers (default: all cores). Output order does not depend on it.
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// Largest input accepted, in bytes; larger inputs fail with an error.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    max_size: u64,
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
}

pub(crate) fn run(args: CleanArgs) -> Result<Outcome, Fatal> {
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
    let protected: HashSet<PathBuf> = if args.out_dir.is_some() {
        list.iter()
            .filter_map(|i| i.path.as_ref()?.canonicalize().ok())
            .collect()
    } else {
        HashSet::new()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Fatal(format!("cannot start worker threads: {e}")))?;
    let many = list.len() > 1;
    let mut stdout = Stdout::new();
    let chunk = pool.current_num_threads().max(1) * 8;
    for batch in list.chunks(chunk) {
        let results: Vec<Result<Done, String>> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| process(input, &cleaner, &options, &args, many, &protected))
                .collect()
        });
        for (input, res) in batch.iter().zip(results) {
            match res {
                Ok(done) => {
                    for w in &done.warnings {
                        output::warn(&format!("{}: {w}", input.display()));
                    }
                    if args.out_dir.is_none() {
                        stdout
                            .write(&done.bytes)
                            .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
                    }
                }
                Err(msg) => {
                    failed = true;
                    output::error(&format!("{}: {msg}", input.display()));
                }
            }
        }
        if stdout.closed() {
            break;
        }
    }
    stdout
        .flush()
        .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
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
        output::write_atomic(&path, &out).map_err(|e| {
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
