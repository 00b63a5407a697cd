//! `dechrome learn`.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use clap::Args;

use dechrome::{Cleaner, InputKind, LearnOptions, Page};

use super::inputs::{self, Input};
use super::output::{self, Stdout};
use super::{Fatal, InputArg, Outcome};

#[derive(Args, Debug)]
pub(crate) struct LearnArgs {
    /// Pages of one site: files or folders (searched recursively; `.gz` decompressed), or `-`
    /// for one page on standard input. At least two distinct pages are needed.
    #[arg(value_name = "PAGE", required = true)]
    pages: Vec<PathBuf>,
    /// Name of the learned rule set.
    #[arg(long, default_value = "learned")]
    name: String,
    /// Write the rule set to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Share of the pages a line, shape or selector must occur on to be learned as chrome,
    /// and a rule must fire on to be kept: a fraction (0.6) or a percentage (60%). Never fewer
    /// than 2 pages. Raise it when article text leaks into the rules.
    #[arg(long, value_name = "SHARE", default_value = "0.6", value_parser = parse_support)]
    min_support: f64,
    /// Host to write into the set (repeatable), so that `--url` picks it.
    #[arg(long, value_name = "HOST")]
    host: Vec<String>,
    /// Learn rules for everything, including lines the bundled `generic` set already removes
    /// (use when the learned set will run with --no-builtin).
    #[arg(long)]
    no_builtin: bool,
    /// How to read pages.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
    /// Largest page accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    max_size: u64,
}

fn parse_support(s: &str) -> Result<f64, String> {
    let (num, scale) = match s.trim().strip_suffix('%') {
        Some(p) => (p, 100.0),
        None => (s.trim(), 1.0),
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("\"{s}\" is not a number"))?;
    let v = v / scale;
    if !(v > 0.0 && v <= 1.0) {
        return Err(format!(
            "\"{s}\" is out of range: give a share above 0 and at most 1 (or 100%)"
        ));
    }
    Ok(v)
}

pub(crate) fn run(args: LearnArgs) -> Result<Outcome, Fatal> {
    let (list, list_errors) = inputs::expand(&args.pages, None);
    let mut failed = !list_errors.is_empty();
    for e in &list_errors {
        output::error(&format!("{}: {}", e.path, e.message));
    }
    // Standard input can be read once only: keep it; files are read again on each pass so
    // that memory does not grow with the number of pages.
    let mut stdin_text: Option<String> = None;
    if list.iter().any(|i| i.path.is_none()) {
        let stdin = Input {
            path: None,
            rel: PathBuf::from("stdin.txt"),
        };
        match inputs::read(&stdin, args.max_size) {
            Ok(b) => stdin_text = Some(dechrome::decode(&b).text().to_string()),
            Err(e) => {
                output::error(&format!("<stdin>: {e}"));
                failed = true;
            }
        }
    }
    let errors: Mutex<Vec<Option<String>>> = Mutex::new(vec![None; list.len()]);
    let mode = args.input;
    let html_without_paths = std::sync::atomic::AtomicBool::new(false);
    let load = |i: usize| -> Option<Page> {
        let input = &list[i];
        let text = match &input.path {
            None => stdin_text.clone()?,
            Some(_) => match inputs::read(input, args.max_size) {
                Ok(b) => dechrome::decode(&b).text().to_string(),
                Err(e) => {
                    if let Ok(mut errs) = errors.lock() {
                        errs[i] = Some(e);
                    }
                    return None;
                }
            },
        };
        let kind = match mode {
            InputArg::Auto => dechrome::detect_input(&text),
            InputArg::Html => InputKind::Html,
            InputArg::Text => InputKind::Text,
        };
        let page = match kind {
            InputKind::Html => Page::from_html(&text),
            InputKind::Text => Page::from_text(&text),
        };
        if kind == InputKind::Html && page.blocks().iter().all(|b| b.css_path().is_none()) {
            html_without_paths.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Some(page)
    };
    let mut opts = LearnOptions {
        name: args.name.clone(),
        min_support: args.min_support,
        hosts: args.host.clone(),
        known: Vec::new(),
    };
    if !args.no_builtin {
        opts.known = Cleaner::new()
            .rule_sets()
            .filter(|s| s.applies_everywhere())
            .cloned()
            .collect();
    }
    let set = dechrome::learn_from_loader(list.len(), load, &opts);
    if html_without_paths.into_inner() {
        output::warn(
            "HTML pages were segmented without CSS paths: no selector rules can be learned, \
             and text rules match the segmented lines",
        );
    }
    let errs = errors.into_inner().unwrap_or_default();
    for (input, e) in list.iter().zip(&errs) {
        if let Some(e) = e {
            output::error(&format!("{}: {e}", input.display()));
            failed = true;
        }
    }
    let usable = list.len() - errs.iter().filter(|e| e.is_some()).count();
    if usable < 2 {
        return Err(Fatal(format!(
            "learn needs at least 2 pages of the site, got {usable}"
        )));
    }
    let toml = set.to_toml();
    match &args.out {
        Some(path) => output::write_atomic(path, toml.as_bytes(), true).map_err(|e| {
            Fatal(format!(
                "cannot write {}: {}",
                path.display(),
                inputs::dechrome_io_message(&e)
            ))
        })?,
        None => {
            let mut out = Stdout::new();
            out.write(toml.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| Fatal(format!("cannot write output: {e}")))?
        }
    }
    let _ = writeln!(
        std::io::stderr().lock(),
        "dechrome: learned {} rules from {} pages{}",
        set.len(),
        usable,
        args.out
            .as_ref()
            .map(|p| format!(" into {}", p.display()))
            .unwrap_or_default()
    );
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}
