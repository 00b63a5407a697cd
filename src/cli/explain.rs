//! `dechrome explain`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use dechrome::{Article, Label, Options, Reason};

use super::inputs::{self, Input};
use super::output::Stdout;
use super::{Fatal, InputArg, Outcome, RuleArgs};

#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {
    /// The page to explain (`-` for standard input).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// How to read the input (as for `clean`).
    #[arg(long = "input", value_name = "KIND", value_enum, default_value_t = InputArg::Auto)]
    input_kind: InputArg,
    /// The page URL: its host picks the site rule set.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Output format: an aligned table, or JSON (one object per block) for tools.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
    format: ExplainFormat,
    /// Colour the table: auto (when stdout is a terminal), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExplainFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

pub(crate) fn run(args: ExplainArgs) -> Result<Outcome, Fatal> {
    let cleaner = args.rules.cleaner()?;
    let mut options = Options::default().input(args.input_kind.into());
    if let Some(u) = &args.url {
        options = options.url(u.clone());
    }
    if let Some(s) = &args.rules.site {
        options = options.site(s.clone());
    }
    let input = if args.input.as_os_str() == "-" {
        Input {
            path: None,
            rel: PathBuf::from("stdin.txt"),
        }
    } else {
        Input {
            path: Some(args.input.clone()),
            rel: PathBuf::new(),
        }
    };
    let bytes = match inputs::read(&input, u64::MAX / 2) {
        Ok(b) => b,
        Err(msg) => {
            super::output::error(&format!("{}: {msg}", input.display()));
            return Ok(Outcome::SomeFailed);
        }
    };
    let decoded = dechrome::decode(&bytes);
    let article = cleaner.clean(decoded.text(), &options);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = String::new();
    match args.format {
        ExplainFormat::Json => {
            for b in article.blocks() {
                let mut v = serde_json::json!({
                    "lines": [b.block().lines().0, b.block().lines().1],
                    "kind": b.block().kind().as_str(),
                    "label": b.label().as_str(),
                    "reason": b.reason().to_string(),
                    "text": b.block().line(),
                });
                match b.reason() {
                    Reason::Rule(r) => v["rule"] = serde_json::json!(&**r),
                    Reason::Heuristic { name, score } => {
                        v["heuristic"] = serde_json::json!({"name": name, "score": round3(*score)});
                    }
                    Reason::Scored {
                        name,
                        score,
                        features,
                    } => {
                        let f: serde_json::Map<String, serde_json::Value> = features
                            .iter()
                            .map(|(k, x)| (k.to_string(), serde_json::json!(round3(x))))
                            .collect();
                        v["heuristic"] = serde_json::json!(
                            {"name": name, "score": round3(*score), "features": f}
                        );
                    }
                    _ => {}
                }
                out.push_str(&v.to_string());
                out.push('\n');
            }
        }
        ExplainFormat::Table => table(&article, color, &mut out),
    }
    let mut stdout = Stdout::new();
    stdout
        .write(out.as_bytes())
        .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
    Ok(Outcome::Ok)
}

/// The table: a header (site, input, title, meta), one row per block (lines, label, what
/// decided it, the features a heuristic used, the text), and a count per label.
fn table(article: &Article, color: bool, out: &mut String) {
    use std::fmt::Write as _;
    let paint = |code: &str, s: &str| -> String {
        if color {
            format!("{code}{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let _ = writeln!(
        out,
        "{} {}   {} {}",
        paint(DIM, "site:"),
        article.site().unwrap_or("(none: heuristics)"),
        paint(DIM, "input:"),
        article.input_kind().as_str()
    );
    if let Some(t) = article.title() {
        let _ = writeln!(out, "{} {t}", paint(DIM, "title:"));
    }
    for (k, v) in article.meta().iter() {
        let v = match (v.as_str(), v.as_list()) {
            (Some(s), _) => s.to_string(),
            (None, Some(l)) => l.join(" | "),
            _ => String::new(),
        };
        let _ = writeln!(out, "{} {v}", paint(DIM, &format!("{k}:")));
    }
    let rows: Vec<(String, String, String)> = article
        .blocks()
        .map(|b| {
            let (l1, l2) = b.block().lines();
            let lines = if l1 == l2 {
                format!("{l1}")
            } else {
                format!("{l1}-{l2}")
            };
            let (why, feats) = describe(b.reason());
            (lines, why, feats)
        })
        .collect();
    let w_lines = rows.iter().map(|r| r.0.len()).max().unwrap_or(4).max(4);
    let w_why = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    let w_feat = rows.iter().map(|r| r.2.chars().count()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "{}",
        paint(
            DIM,
            &format!(
                "{:>w_lines$}  {:<7}  {:<w_why$}  {:<w_feat$}  text",
                "line",
                "label",
                "decided by",
                if w_feat > 0 { "features" } else { "" }
            )
        )
    );
    let mut counts = [0usize; 5];
    for (b, (lines, why, feats)) in article.blocks().zip(&rows) {
        let label = b.label();
        counts[slot(label)] += 1;
        let text: String = b.block().line().chars().take(120).collect();
        let code = colour_of(label);
        let _ = writeln!(
            out,
            "{lines:>w_lines$}  {}  {}  {}  {}",
            paint(code, &format!("{:<7}", label.as_str())),
            paint(DIM, &format!("{why:<w_why$}")),
            paint(DIM, &format!("{feats:<w_feat$}")),
            if label == Label::Chrome {
                paint(DIM, &text)
            } else {
                text
            }
        );
    }
    let _ = writeln!(
        out,
        "{}",
        paint(
            DIM,
            &format!(
                "{} blocks: {} body, {} title, {} summary, {} meta, {} chrome",
                rows.len(),
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                counts[4]
            )
        )
    );
}

/// What decided a label, and the features behind it, as two short strings.
fn describe(r: &Reason) -> (String, String) {
    match r {
        Reason::Rule(id) => (format!("rule {id}"), String::new()),
        Reason::Heuristic { name, score } => (format!("{name} {score:.2}"), String::new()),
        Reason::Scored {
            name,
            score,
            features,
        } => {
            let f: Vec<String> = features
                .iter()
                .map(|(k, v)| {
                    if v.fract() == 0.0 && v.abs() < 1e7 {
                        format!("{k} {v:.0}")
                    } else {
                        format!("{k} {v:.2}")
                    }
                })
                .collect();
            (format!("{name} {score:.0}"), f.join(" "))
        }
        Reason::Default => ("default".to_string(), String::new()),
        other => (other.to_string(), String::new()),
    }
}

/// A feature value for JSON: three decimals, without f32 noise.
fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn slot(l: Label) -> usize {
    match l {
        Label::Body => 0,
        Label::Title => 1,
        Label::Summary => 2,
        Label::Meta => 3,
        _ => 4,
    }
}

const DIM: &str = "\x1b[2m";

fn colour_of(l: Label) -> &'static str {
    match l {
        Label::Body => "\x1b[32m",
        Label::Title | Label::Summary => "\x1b[1;36m",
        Label::Meta => "\x1b[33m",
        _ => "\x1b[31m",
    }
}
