//! `dechrome explain`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use dechrome::{Label, Options};

use super::inputs::{self, Input};
use super::output::Stdout;
use super::{Fatal, InputArg, Outcome, RuleArgs};

#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {
    /// The page to explain (`-` for standard input).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// How to read the input.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
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
                let v = serde_json::json!({
                    "lines": [b.block().lines().0, b.block().lines().1],
                    "kind": b.block().kind().as_str(),
                    "label": b.label().as_str(),
                    "reason": b.reason().to_string(),
                    "text": b.block().line(),
                });
                out.push_str(&v.to_string());
                out.push('\n');
            }
        }
        ExplainFormat::Table => {
            out.push_str(&format!(
                "site: {}   input: {}\n",
                article.site().unwrap_or("(none)"),
                article.input_kind().as_str()
            ));
            let width = article
                .blocks()
                .map(|b| b.reason().to_string().chars().count())
                .max()
                .unwrap_or(0);
            for b in article.blocks() {
                let (l1, l2) = b.block().lines();
                let lines = if l1 == l2 {
                    format!("{l1}")
                } else {
                    format!("{l1}-{l2}")
                };
                let label = b.label().as_str();
                let reason = b.reason().to_string();
                let text: String = b.block().line().chars().take(100).collect();
                let (on, off) = if color {
                    (colour_of(b.label()), "\x1b[0m")
                } else {
                    ("", "")
                };
                out.push_str(&format!(
                    "{lines:>7}  {on}{label:<7}{off}  {reason:<width$}  {text}\n"
                ));
            }
        }
    }
    let mut stdout = Stdout::new();
    stdout
        .write(out.as_bytes())
        .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
    Ok(Outcome::Ok)
}

fn colour_of(l: Label) -> &'static str {
    match l {
        Label::Body => "\x1b[32m",
        Label::Title | Label::Summary => "\x1b[1;36m",
        Label::Meta => "\x1b[33m",
        _ => "\x1b[2;31m",
    }
}
