//! `dechrome eval`: score outputs against a ground truth, or clean and score a dataset folder.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use dechrome::eval::{PageScore, Summary};
use dechrome::{InputMode, Options};

use super::inputs::{self, Input};
use super::output::Stdout;
use super::{Fatal, Outcome, RuleArgs};

#[derive(Args, Debug)]
pub(crate) struct EvalArgs {
    /// Folder of outputs, one `<id>.txt` per page of the ground truth (a missing file counts
    /// as an empty output). Not needed with --dataset.
    #[arg(value_name = "OUTDIR")]
    outdir: Option<PathBuf>,
    /// Ground truth: `{id: {"articleBody": text, ...}}`. Defaults to DATASET/ground-truth.json.
    #[arg(long, value_name = "GOLD.json")]
    gold: Option<PathBuf>,
    /// Clean the pages of a dataset folder (`html/<id>.html.gz`, `text-w3m/<id>.txt.gz`, …)
    /// and score the results, in one go.
    #[arg(long, value_name = "DIR", conflicts_with = "outdir")]
    dataset: Option<PathBuf>,
    /// Which rendering of the dataset's pages to clean.
    #[arg(long, value_enum, default_value_t = DatasetInput::Html)]
    input: DatasetInput,
    /// Put the title (when one was found) before the body, for ground truths that include it.
    #[arg(long)]
    with_title: bool,
    /// Also write each cleaned output to DIR/<id>.txt (with --dataset).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Print per-page figures, worst F1 first.
    #[arg(long)]
    per_page: bool,
    #[command(flatten)]
    rules: RuleArgs,
    /// Parallel workers (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DatasetInput {
    /// `html/<id>.html.gz`, cleaned as HTML.
    Html,
    /// `text-w3m/<id>.txt.gz`, cleaned as text.
    TextW3m,
    /// `text-inscriptis/<id>.txt.gz`, cleaned as text.
    TextInscriptis,
}

impl DatasetInput {
    fn folder(self) -> (&'static str, &'static str, InputMode) {
        match self {
            DatasetInput::Html => ("html", "html.gz", InputMode::Html),
            DatasetInput::TextW3m => ("text-w3m", "txt.gz", InputMode::Text),
            DatasetInput::TextInscriptis => ("text-inscriptis", "txt.gz", InputMode::Text),
        }
    }
}

fn load_gold(path: &Path) -> Result<BTreeMap<String, String>, Fatal> {
    let bytes = std::fs::read(path).map_err(|e| {
        Fatal(format!(
            "{}: {}",
            path.display(),
            inputs::dechrome_io_message(&e)
        ))
    })?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| Fatal(format!("{}: not JSON: {e}", path.display())))?;
    let obj = v.as_object().ok_or_else(|| {
        Fatal(format!(
            "{}: expected an object {{id: {{\"articleBody\": text}}}}",
            path.display()
        ))
    })?;
    Ok(obj
        .iter()
        .map(|(k, v)| {
            let body = v
                .get("articleBody")
                .and_then(|b| b.as_str())
                .unwrap_or("")
                .to_string();
            (k.clone(), body)
        })
        .collect())
}

pub(crate) fn run(args: EvalArgs) -> Result<Outcome, Fatal> {
    if let Some(n) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let gold_path = match (&args.gold, &args.dataset) {
        (Some(g), _) => g.clone(),
        (None, Some(d)) => d.join("ground-truth.json"),
        (None, None) => {
            return Err(Fatal(
                "give --gold GOLD.json OUTDIR, or --dataset DIR".into(),
            ))
        }
    };
    let gold = load_gold(&gold_path)?;
    let ids: Vec<&String> = gold.keys().collect();
    let mut failed = false;
    let predictions: Vec<Result<String, String>> = if let Some(ds) = &args.dataset {
        let cleaner = args.rules.cleaner()?;
        let (folder, ext, mode) = args.input.folder();
        let options = Options::default().input(mode);
        if let Some(out) = &args.out {
            std::fs::create_dir_all(out).map_err(|e| {
                Fatal(format!(
                    "{}: {}",
                    out.display(),
                    inputs::dechrome_io_message(&e)
                ))
            })?;
        }
        ids.par_iter()
            .map(|id| {
                let path = ds.join(folder).join(format!("{id}.{ext}"));
                let input = Input {
                    path: Some(path.clone()),
                    rel: PathBuf::from(format!("{id}.{ext}")),
                };
                let bytes = inputs::read(&input, 256 * 1024 * 1024)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let decoded = dechrome::decode_input(&bytes, mode);
                let article = cleaner.clean(decoded.text(), &options);
                let text = match (args.with_title, article.title()) {
                    (true, Some(t)) if !article.body().starts_with(t) => {
                        format!("{t}\n\n{}", article.body())
                    }
                    _ => article.body().to_string(),
                };
                if let Some(out) = &args.out {
                    let p = out.join(format!("{id}.txt"));
                    std::fs::write(&p, &text).map_err(|e| {
                        format!("{}: {}", p.display(), inputs::dechrome_io_message(&e))
                    })?;
                }
                Ok(text)
            })
            .collect()
    } else {
        let Some(dir) = &args.outdir else {
            return Err(Fatal("give the folder of outputs to score (OUTDIR)".into()));
        };
        ids.iter()
            .map(|id| {
                let p = dir.join(format!("{id}.txt"));
                match std::fs::read(&p) {
                    Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
                    Err(e) => Err(format!(
                        "{}: {}",
                        p.display(),
                        inputs::dechrome_io_message(&e)
                    )),
                }
            })
            .collect()
    };
    let mut scores = Vec::with_capacity(ids.len());
    for (id, pred) in ids.iter().zip(&predictions) {
        let pred = match pred {
            Ok(p) => p.as_str(),
            Err(e) => {
                super::output::error(e);
                failed = true;
                ""
            }
        };
        scores.push(PageScore::new(&gold[*id], pred));
    }
    let summary = Summary::of(&scores);
    let mut text = String::new();
    if args.per_page {
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by(|&a, &b| scores[a].f1().total_cmp(&scores[b].f1()).then(a.cmp(&b)));
        let _ = writeln!(
            text,
            "{:<40} {:>5} {:>5} {:>5}",
            "page", "F1", "prec", "recall"
        );
        for i in order {
            let s = &scores[i];
            let _ = writeln!(
                text,
                "{:<40} {:.3} {:.3} {:.3}",
                ids[i],
                s.f1(),
                s.precision(),
                s.recall()
            );
        }
    }
    let _ = writeln!(
        text,
        "{:<8} {:<5} {:<5} {:<6} {:<5}",
        "pages", "F1", "prec", "recall", "acc"
    );
    let _ = writeln!(
        text,
        "{:<8} {:.3} {:.3} {:.3}  {:.3}",
        summary.pages(),
        summary.f1(),
        summary.precision(),
        summary.recall(),
        summary.accuracy()
    );
    let mut out = Stdout::new();
    out.write(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}
